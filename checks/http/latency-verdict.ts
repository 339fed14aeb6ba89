/**
 * How http.latency reads a sampling report: the percentiles over the samples taken (a cut
 * sample gives a floor), the method in words, and the rule of latency.ts: fail once a budget is
 * exceeded for certain; error for an error page, a failed request, the time limit or samples
 * that cannot settle a budget; pass when every budget is met.
 */
import { type Evidence, fail, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import { type HttpTransportError, timeoutError, toHttpError } from '../transport/http-error.ts';
import {
  type Budget,
  budgetState,
  percentileRank,
  type Sample,
  type SampleReport,
  sampleMs,
} from '../transport/http-sampling.ts';

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

/** The verdict on one endpoint's sampling report. */
export function judgeLatency(
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
