/**
 * http.latency: p50/p95 of the time to the full body against budgets, measured so that the
 * audit's own load does not count: in a worker thread (transport/http-sampler.ts), on a
 * dedicated keep-alive connection after an uncounted warm-up request, each sample timed from
 * its request leaving on a connected socket. Sampling stops as soon as the verdict is certain.
 *
 * The rule for slow and silent endpoints: a sample still unanswered when it outlasts a budget
 * is positive evidence that it is over that budget (its duration is more than the time waited),
 * so it counts as an over-budget sample, exactly like a slow answer. `fail` needs enough
 * over-budget samples that the percentile exceeds its budget whatever the rest would be. An
 * endpoint that gives no answer at all (warm-up timeout, refused, reset, TLS failure), answers
 * 5xx, or times out before the samples settle the verdict is `error`, never `fail`.
 */
import { readFile } from 'node:fs/promises';
import { type Evidence, fail, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import { type HttpTransportError, timeoutError, toHttpError } from '../transport/http-error.ts';
import type { LatencySampler } from '../transport/http-sampler.ts';
import {
  type Budget,
  budgetState,
  percentileRank,
  type Sample,
  type SampleReport,
  sampleMs,
} from '../transport/http-sampling.ts';
import { baseEvidence, type Endpoint } from './endpoint.ts';

export { percentile } from '../transport/http-sampling.ts';

export interface LatencyParams {
  /** Number of samples (default 5, at most 100), after one uncounted warm-up request. */
  samples?: number;
  /** Budget for the median, in ms. */
  p50Ms?: number;
  /** Budget for the 95th percentile, in ms. */
  p95Ms?: number;
}

export interface LatencyOptions {
  /** Per request, connect included (the run's timeout). */
  timeoutMs: number;
}

function budgetsOf(params: LatencyParams): Budget[] {
  const budgets: Budget[] = [];
  if (params.p50Ms !== undefined) budgets.push({ name: 'p50', percentile: 50, ms: params.p50Ms });
  if (params.p95Ms !== undefined) budgets.push({ name: 'p95', percentile: 95, ms: params.p95Ms });
  return budgets;
}

/** The transport's own error for a failed request, so messages read like every other HTTP probe's. */
function requestError(url: string, report: SampleReport, timeoutMs: number): HttpTransportError {
  const f = report.failure!;
  if (f.timeout) return timeoutError('GET', url, timeoutMs);
  const err = Object.assign(new Error(f.message), f.code ? { code: f.code } : {});
  return toHttpError('GET', url, err, timeoutMs);
}

/** Percentile over the samples taken; `over` when the value is a cut sample's lower bound. */
function observe(samples: Sample[], p: number): { ms: number; over: boolean } | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => sampleMs(a) - sampleMs(b));
  const at = sorted[percentileRank(p, sorted.length) - 1];
  return { ms: sampleMs(at), over: !('ms' in at) };
}

function method(report: SampleReport, planned: number): string {
  const taken = report.samples.length;
  const count = taken < planned ? `${taken} of ${planned} samples` : `${taken} samples`;
  const fresh = report.samples.filter((s) => !s.reused).length;
  const reconnects = fresh ? `, ${fresh} on a new connection (timed from connect)` : '';
  const early = report.stop === 'certain' ? ', stopped once the verdict was certain' : '';
  const retaken = report.disturbed.length
    ? `, ${report.disturbed.length} retaken (the measuring thread was kept from a CPU)`
    : '';
  const blind = report.cpuAccounting ? '' : ', CPU wait of the measuring thread not measurable here';
  return `worker, warm keep-alive, ${count}${reconnects}${retaken}${early}${blind}`;
}

/**
 * Samples the endpoint in the latency worker and compares p50/p95 with the budgets.
 * @example await latency(latencySampler(ctx), { url: 'https://api.example.com/health' }, { samples: 10, p95Ms: 300 }, { timeoutMs: 10_000 })
 */
export async function latency(
  sampler: LatencySampler,
  endpoint: Endpoint,
  params: LatencyParams,
  options: LatencyOptions,
): Promise<ProbeResult> {
  const planned = Math.min(100, Math.max(1, params.samples ?? 5));
  const budgets = budgetsOf(params);
  const evidence: Evidence = baseEvidence(endpoint);
  evidence.expected = { p50Ms: params.p50Ms ?? null, p95Ms: params.p95Ms ?? null };
  if (budgets.length === 0)
    return inconclusive(`${endpoint.url}: no latency budget (p50Ms or p95Ms) given`, evidence);
  let ca: string | undefined;
  let report: SampleReport;
  try {
    if (endpoint.ca) ca = await readFile(endpoint.ca, 'utf8');
  } catch (err) {
    return inconclusive(
      `[GET] ${endpoint.url}: cannot read CA file ${endpoint.ca}: ${(err as Error).message}`,
      {
        ...evidence,
        error: (err as Error).message,
      },
    );
  }
  try {
    report = await sampler.sample({
      url: endpoint.url,
      headers: endpoint.headers,
      ca,
      insecure: endpoint.insecure,
      planned,
      budgets,
      timeoutMs: options.timeoutMs,
      // Leaves room under the engine's deadline (6 × the timeout) for the warm-up and a queue.
      totalMs: 4 * options.timeoutMs,
    });
  } catch (err) {
    return inconclusive(`${endpoint.url}: ${(err as Error).message}`, {
      ...evidence,
      error: (err as Error).message,
    });
  }
  return judge(endpoint.url, report, budgets, planned, evidence, options.timeoutMs);
}

function judge(
  url: string,
  report: SampleReport,
  budgets: Budget[],
  planned: number,
  evidence: Evidence,
  timeoutMs: number,
): ProbeResult {
  const { samples } = report;
  const p50 = observe(samples, 50);
  const p95 = observe(samples, 95);
  const cut = samples.flatMap((s, i) =>
    'ms' in s ? [] : [`sample ${i + 1}: no answer after ${s.overMs} ms`],
  );
  Object.assign(evidence, {
    method: method(report, planned),
    observed: { p50Ms: p50?.ms ?? null, p95Ms: p95?.ms ?? null },
    samples: samples.map(sampleMs),
    planned,
    statuses: [...new Set(samples.flatMap((s) => ('status' in s ? [s.status] : [])))],
    connections: report.connections,
  } satisfies Evidence);
  if (cut.length) evidence.unanswered = cut;
  // A cut sample is known only to be longer than the wait: say which observed figures are floors.
  const floors = [p50?.over && 'p50Ms', p95?.over && 'p95Ms'].filter((f): f is string => Boolean(f));
  if (floors.length) evidence.lowerBounds = floors;
  if (report.disturbed.length) evidence.disturbed = report.disturbed;
  if (report.warmup) evidence.warmup = report.warmup as unknown as Json;
  const states = budgets.map((b) => [b, budgetState(samples, b, planned)] as const);
  const exceeded = states.filter(([, s]) => s === 'exceeded').map(([b]) => b);
  if (exceeded.length) {
    const text = exceeded.map((b) => {
      const o = b.percentile === 50 ? p50! : p95!;
      return o.over
        ? `${b.name} > ${b.ms} ms (no answer after ${o.ms} ms)`
        : `${b.name} ${o.ms} ms > ${b.ms} ms`;
    });
    return fail(`${url} is too slow: ${text.join(', ')} (${evidence.method})`, evidence);
  }
  if (report.errorStatus) {
    evidence.errorStatus = report.errorStatus;
    return inconclusive(
      `${url} answered ${report.errorStatus}: the latency of an error says nothing`,
      evidence,
    );
  }
  if (report.failure) {
    const err = requestError(url, report, timeoutMs);
    const when = report.failure.during === 'warm-up' ? 'warm-up request' : `sample ${report.failure.sample}`;
    const settled = report.failure.during === 'sample' ? '; the samples taken do not settle the budget' : '';
    return inconclusive(`${err.message} (${when})${settled}`, { ...evidence, error: err.message });
  }
  if (report.stop === 'disturbed')
    return inconclusive(
      `${url}: ${report.disturbed.length} samples could not be told from the budget: the measuring thread waited for a CPU about as long as they were over it (machine overloaded)`,
      evidence,
    );
  if (report.stop === 'time-limit')
    return inconclusive(
      `${url}: sampling stopped at its time limit after ${samples.length} of ${planned} samples without a certain verdict`,
      evidence,
    );
  const open = states.filter(([, s]) => s !== 'met').map(([b]) => b.name);
  if (open.length)
    return inconclusive(`${url}: the samples cannot settle the ${open.join(' and ')} budget`, evidence);
  const summary = `p50 ${p50!.ms} ms, p95 ${p95!.ms} ms (${evidence.method})`;
  return pass(`${url}: ${summary}, within budget`, evidence);
}
