/**
 * One subject per series of a PromQL query, each against a threshold: the same value for all
 * (p95 per shard under a budget, cost per site under the phase's budget) or one per value of
 * a label (an SLO per tier: gold 0.9999, silver 0.9995…). A series whose label has no
 * threshold is `error`, not silently passed.
 */
import type { MonitoringApi } from '../monitoring/api.ts';
import { prometheusGet } from '../monitoring/prometheus-api.ts';
import { fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';

export interface SeriesParams {
  query: string;
  /** The label that names each subject (shard, tenant). */
  subjectLabel: string;
  op: '<=' | '>=';
  value?: number;
  /** Threshold by the value of `thresholdLabel` (tier → target). */
  thresholdLabel?: string;
  thresholds?: Record<string, number>;
  /** What a value is, for messages: `s`, `$`, `` (a ratio). */
  unit?: string;
  /** At least this many series, so a vanished shard cannot pass by absence. */
  minSeries?: number;
}

/** @example await fleetSeries(api, { query: 'avg_over_time(probe_success[30d])', subjectLabel: 'tenant', op: '>=', thresholdLabel: 'tier', thresholds: { gold: 0.9999 } }) */
export async function fleetSeries(api: MonitoringApi, p: SeriesParams): Promise<ProbeResult> {
  const answer = await prometheusGet<{
    resultType?: string;
    result?: { metric: Record<string, string>; value: [number, string] }[];
  }>(api, `/api/v1/query?query=${encodeURIComponent(p.query)}`);
  if (!answer.ok) return answer.result;
  const result = answer.data?.result;
  const evidence = { source: answer.source, query: p.query };
  if (answer.data?.resultType !== 'vector' || !Array.isArray(result))
    return inconclusive(`${p.query}: not an instant vector`, evidence);
  if (p.minSeries !== undefined && result.length < p.minSeries)
    return fail(`${p.query} returned ${result.length} series, expected at least ${p.minSeries}`, {
      ...evidence,
      observed: result.length,
    });
  const unit = p.unit ?? '';
  const subjects = result.map((r) => {
    const name = r.metric[p.subjectLabel] ?? '(no label)';
    const value = Number(r.value?.[1]);
    const bound = p.thresholdLabel ? p.thresholds?.[r.metric[p.thresholdLabel] ?? ''] : p.value;
    const ev = {
      observed: value,
      expected: bound === undefined ? null : `${p.op} ${bound}`,
      labels: r.metric,
    };
    if (bound === undefined)
      return subject(
        name,
        inconclusive(
          `${name}: no threshold for ${p.thresholdLabel}="${r.metric[p.thresholdLabel ?? ''] ?? ''}"`,
          ev,
        ),
      );
    if (!Number.isFinite(value))
      return subject(name, inconclusive(`${name}: value ${r.value?.[1]} is not a number`, ev));
    const ok = p.op === '<=' ? value <= bound : value >= bound;
    const text = `${name}: ${value}${unit} (${p.op} ${bound}${unit} expected)`;
    return subject(name, ok ? pass(text, ev) : fail(text, ev));
  });
  return perSubject(p.query, 'series', subjects, evidence);
}
