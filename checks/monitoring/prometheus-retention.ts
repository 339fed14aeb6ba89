import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { isObject, type MonitoringApi, malformed } from './api.ts';
import { days, parseDuration } from './durations.ts';
import { prometheusGet } from './prometheus-api.ts';

export interface RetentionParams {
  minDays: number;
}

/** Prometheus's default when neither a time nor a size limit is set. */
const DEFAULT_RETENTION = '15d';

/**
 * Checks that the TSDB keeps at least `minDays` of data, from the command-line flags
 * (`storage.tsdb.retention.time`, the deprecated `storage.tsdb.retention`, and the size limit).
 * @example await prometheusRetention(api, { minDays: 30 })
 */
export async function prometheusRetention(api: MonitoringApi, p: RetentionParams): Promise<ProbeResult> {
  const answer = await prometheusGet<Record<string, unknown>>(api, '/api/v1/status/flags');
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data)) return malformed(answer.source, 'no flags object');
  const flags = answer.data;
  // Prometheus lists every flag, set or not: without its storage flags this is not its answer.
  if (!('storage.tsdb.retention.time' in flags) && !('storage.tsdb.path' in flags))
    return malformed(answer.source, 'no storage.tsdb flags in the flags object');
  const timeFlag = String(flags['storage.tsdb.retention.time'] ?? '0s');
  const oldFlag = String(flags['storage.tsdb.retention'] ?? '0s');
  const size = String(flags['storage.tsdb.retention.size'] ?? '0B');
  const sizeLimited = !/^0[A-Za-z]*$/.test(size);
  const set = [timeFlag, oldFlag].find((f) => (parseDuration(f) ?? 0) > 0);
  // With only a size limit Prometheus keeps data without a time bound; with neither, 15 days.
  const effective = set ?? (sizeLimited ? undefined : DEFAULT_RETENTION);
  const evidence = {
    source: answer.source,
    expected: { minDays: p.minDays },
    observed: { retentionTime: effective ?? 'unbounded', retentionSize: size },
    flags: { 'storage.tsdb.retention.time': timeFlag, 'storage.tsdb.retention': oldFlag },
  };
  if (effective === undefined) {
    return pass(`no time limit (size limit ${size}); check disk headroom covers ${p.minDays} days`, evidence);
  }
  const ms = parseDuration(effective);
  if (ms === undefined) return inconclusive(`cannot read retention ${effective}`, evidence);
  const sizeNote = sizeLimited ? `, and at most ${size}` : '';
  if (days(ms) < p.minDays)
    return fail(`retention ${effective} (${days(ms)} days) < ${p.minDays} days${sizeNote}`, evidence);
  return pass(`retention ${effective} (${days(ms)} days) ≥ ${p.minDays} days${sizeNote}`, evidence);
}
