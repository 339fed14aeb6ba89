/**
 * Prometheus HTTP API envelope (`{status, data}` or `{status: 'error', errorType, error}`) and
 * the shapes the probes read. Field names follow https://prometheus.io/docs/prometheus/latest/querying/api/.
 */
import type { ProbeResult } from '../probe.ts';
import { type ApiAnswer, allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';

export interface ActiveTarget {
  scrapePool?: string;
  labels: Record<string, string>;
  scrapeUrl?: string;
  lastError?: string;
  lastScrape?: string;
  health: 'up' | 'down' | 'unknown';
}

export interface RuleGroup {
  name: string;
  file?: string;
  rules: Rule[];
}

export interface Rule {
  name: string;
  type: 'alerting' | 'recording';
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  query?: string;
  state?: string;
}

export interface Alert {
  labels: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
}

/**
 * GETs a Prometheus API path and unwraps the envelope; Prometheus's own error (bad query,
 * unavailable) becomes an `error` result carrying its errorType and text.
 * @example const a = await prometheusGet<{ activeTargets: ActiveTarget[] }>(api, '/api/v1/targets?state=active');
 */
export async function prometheusGet<T>(api: MonitoringApi, path: string): Promise<ApiAnswer<T>> {
  // 400/422/503 carry a JSON error body worth showing instead of a bare status.
  const answer = await getJson<unknown>(api, path, {
    acceptStatus: (s) => (s >= 200 && s < 300) || [400, 422, 503].includes(s),
  });
  if (!answer.ok) return answer;
  const body = answer.data;
  if (!isObject(body) || typeof body.status !== 'string')
    return bad(malformed(answer.source, 'no Prometheus envelope'));
  if (body.status !== 'success') {
    const why = `${String(body.errorType ?? 'error')}: ${String(body.error ?? 'no detail')}`;
    return bad(malformed(answer.source, `Prometheus answered ${why}`));
  }
  return { ...answer, data: body.data as T };
}

/** Active targets, optionally only those of the named jobs (scrape pools). */
export async function activeTargets(api: MonitoringApi): Promise<ApiAnswer<ActiveTarget[]>> {
  const a = await prometheusGet<{ activeTargets?: unknown }>(api, '/api/v1/targets?state=active');
  if (!a.ok) return a;
  if (!isObject(a.data) || !Array.isArray(a.data.activeTargets))
    return bad(malformed(a.source, 'no data.activeTargets list'));
  const targets = allShaped(a.data.activeTargets, isTarget, 'data.activeTargets');
  if (typeof targets === 'string') return bad(malformed(a.source, targets));
  return { ...a, data: targets };
}

function isTarget(t: unknown): t is ActiveTarget {
  return isObject(t) && isObject(t.labels) && typeof t.health === 'string';
}

/** The job a target belongs to: its `job` label, else its scrape pool. */
export function jobOf(t: ActiveTarget): string {
  return t.labels.job ?? t.scrapePool ?? '';
}

export function bad<T>(result: ProbeResult): ApiAnswer<T> {
  return { ok: false, result };
}
