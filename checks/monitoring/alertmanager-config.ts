import yaml from 'js-yaml';
import { describeError, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { getJson, isObject, type MonitoringApi, malformed } from './api.ts';

export interface ConfigParams {
  /** Receivers that must be defined, e.g. the on-call pager. */
  receivers?: string[];
}

/**
 * Checks the running configuration (from `/api/v2/status`): a route whose receiver exists,
 * and at least one receiver that actually sends somewhere (has an integration).
 * @example await alertmanagerConfig(api, { receivers: ['oncall'] })
 */
export async function alertmanagerConfig(api: MonitoringApi, p: ConfigParams = {}): Promise<ProbeResult> {
  const answer = await getJson<unknown>(api, '/api/v2/status');
  if (!answer.ok) return answer.result;
  const status = answer.data;
  if (!isObject(status) || !isObject(status.config) || typeof status.config.original !== 'string') {
    return malformed(answer.source, 'no config.original');
  }
  let config: unknown;
  try {
    config = yaml.load(status.config.original);
  } catch (err) {
    return inconclusive(`${answer.source}: config.original is not YAML (${describeError(err)})`, {
      source: answer.source,
    });
  }
  if (!isObject(config)) return malformed(answer.source, 'config.original is not a mapping');
  const receivers = (Array.isArray(config.receivers) ? config.receivers : []).filter(isObject);
  const names = receivers.map((r) => String(r.name ?? ''));
  // A receiver with no *_configs is a black hole (commonly `null` for the Watchdog route).
  const sending = receivers
    .filter((r) => Object.keys(r).some((k) => k.endsWith('_configs')))
    .map((r) => String(r.name));
  const routeReceiver = isObject(config.route) ? String(config.route.receiver ?? '') : '';
  const missing = (p.receivers ?? []).filter((n) => !names.includes(n));
  const evidence = {
    source: answer.source,
    expected: { route: true, receivers: p.receivers ?? ['at least one'] },
    observed: { routeReceiver: routeReceiver || null, receivers: names, withIntegrations: sending },
  };
  const problems: string[] = [];
  if (!routeReceiver) problems.push('no top-level route with a receiver');
  else if (!names.includes(routeReceiver)) problems.push(`route receiver ${routeReceiver} is not defined`);
  if (receivers.length === 0) problems.push('no receivers');
  else if (sending.length === 0) problems.push('no receiver has an integration (every alert is dropped)');
  if (missing.length) problems.push(`receivers missing: ${missing.join(', ')}`);
  if (problems.length) return fail(problems.join('; '), evidence);
  return pass(`route → ${routeReceiver}; ${names.length} receivers (${sending.join(', ')} send)`, evidence);
}
