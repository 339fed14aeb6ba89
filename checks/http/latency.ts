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
import { type Evidence, inconclusive, type ProbeResult } from '../probe.ts';
import type { LatencySampler } from '../transport/http-sampler.ts';
import type { Budget, SampleReport } from '../transport/http-sampling.ts';
import { baseEvidence, type Endpoint } from './endpoint.ts';
import { judgeLatency } from './latency-verdict.ts';

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
  return judgeLatency(endpoint.url, report, budgets, planned, evidence, options.timeoutMs);
}
