import { fail, type ProbeResult, pass } from '../probe.ts';
import { isObject, type MonitoringApi, malformed } from './api.ts';
import { prometheusGet, type RuleGroup } from './prometheus-api.ts';

export interface RulesParams {
  /** Rule groups that must be loaded; only their rules are judged. Default: every group. */
  groups?: string[];
}

/**
 * Checks that rules are loaded and none fails to evaluate (`health: err` with a lastError).
 * Rules not evaluated yet (`unknown`, right after a reload) are listed but do not fail.
 * @example await prometheusRules(api, { groups: ['node', 'watchdog'] })
 */
export async function prometheusRules(api: MonitoringApi, p: RulesParams = {}): Promise<ProbeResult> {
  const answer = await prometheusGet<{ groups?: unknown }>(api, '/api/v1/rules');
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data) || !Array.isArray(answer.data.groups))
    return malformed(answer.source, 'no data.groups list');
  const loaded = answer.data.groups.filter((g): g is RuleGroup => isObject(g) && Array.isArray(g.rules));
  const groups = p.groups ? loaded.filter((g) => p.groups?.includes(g.name)) : loaded;
  const missing = (p.groups ?? []).filter((name) => !loaded.some((g) => g.name === name));
  const rules = groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r })));
  const failing = rules
    .filter((r) => r.health === 'err' || r.lastError)
    .map((r) => ({ group: r.group, rule: r.name, lastError: r.lastError ?? '' }));
  const notEvaluated = rules.filter((r) => r.health === 'unknown').map((r) => `${r.group}/${r.name}`);
  const evidence = {
    source: answer.source,
    expected: { groups: p.groups ?? null, health: 'ok' },
    observed: { groups: groups.map((g) => g.name), rules: rules.length, failing, notEvaluated },
    missingGroups: missing,
  };
  const problems = [
    ...missing.map((g) => `group ${g} not loaded`),
    ...failing.map((f) => `${f.group}/${f.rule}: ${f.lastError || 'health err'}`),
  ];
  if (rules.length === 0 && !missing.length) problems.push('no rules loaded');
  if (problems.length) return fail(problems.join('; '), evidence);
  return pass(`${rules.length} rules in ${groups.length} groups evaluate without error`, evidence);
}
