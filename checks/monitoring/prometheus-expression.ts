import { fail, type ProbeResult, pass } from '../probe.ts';
import { isObject, type MonitoringApi, malformed } from './api.ts';
import { prometheusGet } from './prometheus-api.ts';

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export interface ExpressionParams {
  /** PromQL instant query, e.g. `up{job="node"}`. */
  query: string;
  /** `non-empty`: at least one series; or a comparison that each series (default) or any series meets. */
  expect: 'non-empty' | { op: CompareOp; value: number; each?: boolean };
  /** At least this many series (e.g. one per host), so a vanished host cannot pass silently. */
  minSeries?: number;
}

interface Sample {
  metric: Record<string, string>;
  value: number;
}

const COMPARE: Record<CompareOp, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/**
 * Runs an instant query and checks its result: non-empty, or every series compared to a value.
 * @example await prometheusExpression(api, { query: 'up{job="node"}', expect: { op: '==', value: 1 }, minSeries: 3 })
 */
export async function prometheusExpression(api: MonitoringApi, p: ExpressionParams): Promise<ProbeResult> {
  const answer = await prometheusGet<unknown>(api, `/api/v1/query?query=${encodeURIComponent(p.query)}`);
  if (!answer.ok) return answer.result;
  const samples = readSamples(answer.data);
  if (!samples) return malformed(answer.source, 'no instant vector or scalar in data');
  const expected = p.expect === 'non-empty' ? 'non-empty' : { ...p.expect, each: p.expect.each ?? true };
  const shown = samples.slice(0, 20).map((s) => ({ series: seriesName(s.metric), value: s.value }));
  const evidence = {
    source: answer.source,
    query: p.query,
    expected,
    observed: { series: samples.length, samples: shown },
  };
  if (samples.length === 0) return fail(`${p.query} returned no series`, evidence);
  if (p.minSeries !== undefined && samples.length < p.minSeries) {
    return fail(`${p.query} returned ${samples.length} series, expected at least ${p.minSeries}`, evidence);
  }
  if (p.expect === 'non-empty') return pass(`${p.query} returned ${samples.length} series`, evidence);
  const { op, value } = p.expect;
  const off = samples.filter((s) => !COMPARE[op](s.value, value));
  const each = p.expect.each ?? true;
  const condition = `${op} ${value}`;
  if (each && off.length) {
    const named = off.slice(0, 10).map((s) => `${seriesName(s.metric)} = ${s.value}`);
    return fail(`${off.length} of ${samples.length} series not ${condition}: ${named.join(', ')}`, evidence);
  }
  if (!each && off.length === samples.length)
    return fail(`no series of ${p.query} is ${condition}`, evidence);
  return pass(
    `${each ? 'every' : 'at least one'} series of ${p.query} ${condition} (${samples.length} series)`,
    evidence,
  );
}

function readSamples(data: unknown): Sample[] | undefined {
  if (!isObject(data)) return undefined;
  if (data.resultType === 'scalar' && Array.isArray(data.result))
    return [{ metric: {}, value: Number(data.result[1]) }];
  if (data.resultType !== 'vector' || !Array.isArray(data.result)) return undefined;
  const shaped = (r: unknown): r is { metric: Record<string, string>; value: [number, string] } =>
    isObject(r) && isObject(r.metric) && Array.isArray(r.value) && r.value.length === 2;
  if (!data.result.every(shaped)) return undefined;
  return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** `up{instance="a:9100", job="node"}` style, as Prometheus prints series. */
function seriesName(metric: Record<string, string>): string {
  const { __name__: name = '', ...labels } = metric;
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return `${name}{${inner}}`;
}
