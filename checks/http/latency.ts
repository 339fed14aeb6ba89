/**
 * http.latency: k sequential requests, p50 and p95 of the time to the full body against a
 * budget. Sequential on purpose: the control measures what one client sees, not throughput.
 */
import { fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { baseEvidence, type Endpoint, requestFor } from './endpoint.ts';

export interface LatencyParams {
  /** Number of samples (default 5, at most 100). */
  samples?: number;
  /** Budget for the median, in ms. */
  p50Ms?: number;
  /** Budget for the 95th percentile, in ms. */
  p95Ms?: number;
}

/** Nearest-rank percentile of ascending `sorted` (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Samples the endpoint and compares p50/p95 with the budgets.
 * @example await latency(http, { url: 'https://api.example.com/health' }, { samples: 10, p95Ms: 300 })
 */
export async function latency(
  http: HttpTransport,
  endpoint: Endpoint,
  params: LatencyParams = {},
): Promise<ProbeResult> {
  const count = Math.min(100, Math.max(1, params.samples ?? 5));
  const evidence = baseEvidence(endpoint);
  evidence.expected = { p50Ms: params.p50Ms ?? null, p95Ms: params.p95Ms ?? null };
  const samples: number[] = [];
  const statuses: number[] = [];
  const req = requestFor(endpoint);
  try {
    for (let i = 0; i < count; i++) {
      const res = await http.request(req);
      samples.push(round(res.durationMs));
      statuses.push(res.status);
    }
  } catch (err) {
    evidence.samples = samples;
    return fromError(err, evidence);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  Object.assign(evidence, {
    observed: { p50Ms: p50, p95Ms: p95 },
    samples,
    statuses: [...new Set(statuses)],
  });
  const failing = statuses.find((s) => s >= 500);
  if (failing)
    return inconclusive(
      `${endpoint.url} answered ${failing}: the latency of an error says nothing`,
      evidence,
    );
  const over: string[] = [];
  if (params.p50Ms !== undefined && p50 > params.p50Ms) over.push(`p50 ${p50} ms > ${params.p50Ms} ms`);
  if (params.p95Ms !== undefined && p95 > params.p95Ms) over.push(`p95 ${p95} ms > ${params.p95Ms} ms`);
  const summary = `p50 ${p50} ms, p95 ${p95} ms over ${count} samples`;
  if (over.length)
    return fail(`${endpoint.url} is too slow: ${over.join(', ')} (${count} samples)`, evidence);
  return pass(`${endpoint.url}: ${summary}, within budget`, evidence);
}
