import {
  fail,
  inconclusive,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import { allShaped, isObject, type MonitoringApi, malformed } from './api.ts';
import { prometheusGet, type Rule, type RuleGroup } from './prometheus-api.ts';
import { distinctNames } from './subject-names.ts';

export interface RulesParams {
  /** Rule groups that must be loaded; only their rules are judged. Default: every group. */
  groups?: string[];
}

/**
 * Checks that rules are loaded and none fails to evaluate: one subject per rule (`group/rule`),
 * failing on `health: err` with its lastError, plus one failing subject per required group that
 * is not loaded. A rule not evaluated yet (`unknown`, right after a reload) cannot be judged: `error`.
 * @example await prometheusRules(api, { groups: ['node', 'watchdog'] })
 */
export async function prometheusRules(api: MonitoringApi, p: RulesParams = {}): Promise<ProbeResult> {
  const answer = await prometheusGet<{ groups?: unknown }>(api, '/api/v1/rules');
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data) || !Array.isArray(answer.data.groups))
    return malformed(answer.source, 'no data.groups list');
  const loaded = allShaped(answer.data.groups, isGroup, 'data.groups');
  if (typeof loaded === 'string') return malformed(answer.source, loaded);
  const groups = p.groups ? loaded.filter((g) => p.groups?.includes(g.name)) : loaded;
  const missing = (p.groups ?? []).filter((name) => !loaded.some((g) => g.name === name));
  const source = answer.source;
  const evidence = { source, expected: { groups: p.groups ?? null, health: 'ok' } };
  const rules = groups.flatMap((g) => g.rules.map((rule) => ({ group: g, rule })));
  if (rules.length === 0 && !missing.length) return fail('no rules loaded', evidence);
  const names = distinctNames(rules.map(({ group, rule }) => [`${group.name}/${rule.name}`, rule.type]));
  const subjects: SubjectResult[] = rules.map(({ group, rule }, i) =>
    judgeRule(names[i], group, rule, source),
  );
  for (const name of missing)
    subjects.push(
      subject(`group ${name}`, fail(`group ${name} not loaded`, { ...evidence, observed: null })),
    );
  return perSubject(api.url, 'rules', subjects, evidence);
}

function isGroup(g: unknown): g is RuleGroup {
  return (
    isObject(g) &&
    typeof g.name === 'string' &&
    Array.isArray(g.rules) &&
    g.rules.every((r) => isObject(r) && typeof r.name === 'string')
  );
}

function judgeRule(name: string, group: RuleGroup, rule: Rule, source: string): SubjectResult {
  const evidence = {
    source,
    expected: 'ok',
    observed: rule.health ?? null,
    group: group.name,
    file: group.file ?? null,
    type: rule.type ?? null,
    query: rule.query ?? null,
    lastError: rule.lastError ?? '',
  };
  if (rule.health === 'err' || rule.lastError)
    return subject(name, fail(`${name}: ${rule.lastError || 'health err'}`, evidence));
  if (rule.health === 'ok') return subject(name, pass(`${name} evaluates without error`, evidence));
  return subject(
    name,
    inconclusive(`${name}: health ${String(rule.health)} (not evaluated yet), cannot tell`, evidence),
  );
}
