import { fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import { isObject, type MonitoringApi, malformed } from './api.ts';
import { prometheusGet } from './prometheus-api.ts';

export interface IngestionParams {
  /** Every host that must be shipping logs. */
  hosts: string[];
  /** The stream label that names the host (default `host`). */
  label?: string;
  /** Lines must have arrived within this many minutes. */
  maxMinutes: number;
}

/**
 * Checks that log lines arrived from each host within `maxMinutes` (one subject per host), with one LogQL metric
 * query (`sum by (host) (count_over_time({host=~"a|b"}[15m]))`) rather than pulling lines.
 * @example await lokiIngestion(api, { hosts: ['web1', 'web2'], maxMinutes: 15 }, new Date())
 */
export async function lokiIngestion(api: MonitoringApi, p: IngestionParams, now: Date): Promise<ProbeResult> {
  const label = p.label ?? 'host';
  const query = ingestionQuery(label, p.hosts, p.maxMinutes);
  const timeNs = `${BigInt(now.getTime()) * 1_000_000n}`;
  // Loki's query API shares Prometheus's envelope (status/data/resultType/result).
  const answer = await prometheusGet<unknown>(
    api,
    `/loki/api/v1/query?query=${encodeURIComponent(query)}&time=${timeNs}`,
  );
  if (!answer.ok) return answer.result;
  const data = answer.data;
  if (!isObject(data) || data.resultType !== 'vector' || !Array.isArray(data.result)) {
    return malformed(answer.source, 'no vector result for a count_over_time query');
  }
  const lines: Record<string, number> = {};
  for (const r of data.result) {
    if (!isObject(r) || !isObject(r.metric) || !Array.isArray(r.value))
      return malformed(answer.source, 'a series without metric and value');
    lines[String(r.metric[label])] = Number(r.value[1]);
  }
  const source = answer.source;
  const subjects = [...new Set(p.hosts)].map((host) => {
    const count = lines[host] ?? 0;
    const evidence = {
      source,
      query,
      expected: { withinMinutes: p.maxMinutes, lines: '> 0' },
      observed: count,
    };
    if (!Number.isFinite(count))
      return subject(host, inconclusive(`${host}: unreadable line count from Loki`, evidence));
    if (count > 0)
      return subject(host, pass(`${host}: ${count} log lines in the last ${p.maxMinutes} min`, evidence));
    return subject(
      host,
      fail(`${host}: no log lines in the last ${p.maxMinutes} min (label ${label})`, evidence),
    );
  });
  return perSubject(api.url, 'hosts', subjects, { source, query });
}

/** LogQL counting lines per host; host names are matched literally (regex metacharacters escaped). */
export function ingestionQuery(label: string, hosts: string[], minutes: number): string {
  const alternatives = hosts.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // Inside a LogQL string literal a backslash must itself be escaped.
  const literal = JSON.stringify(alternatives);
  return `sum by (${label}) (count_over_time({${label}=~${literal}}[${Math.max(1, Math.round(minutes))}m]))`;
}
