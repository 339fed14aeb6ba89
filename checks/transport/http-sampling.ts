/**
 * The arithmetic of latency sampling, shared by the sampling worker (which stops as soon as
 * the verdict is certain) and the http.latency probe (which judges and explains): nearest-rank
 * percentiles, and when a percentile budget is met or exceeded whatever the samples not yet
 * taken turn out to be. Imports nothing: the worker bundles it as is.
 */

/** A percentile budget: the `percentile`-th percentile of the samples must be ≤ `ms`. */
export type Budget = { name: string; percentile: number; ms: number };

/**
 * One sample: the time from the request leaving on a connected socket to the last body byte
 * (`ms`), or a request abandoned while still unanswered `overMs` after it left (cut at the
 * largest budget, or at the request timeout): its true duration is > overMs.
 */
export type Sample =
  | { ms: number; status: number; reused: boolean }
  | { overMs: number; cut: 'budget' | 'timeout'; reused: boolean };

/**
 * A measured time is an upper bound of the target's (the clock starts no later than the request
 * leaves and stops no earlier than the last byte is read); `busyMs`, the time the measuring
 * thread spent running or waiting for a CPU within the sample, bounds how late it can have
 * read that byte, so `ms - busyMs` is a lower bound. A sample whose bounds straddle a budget
 * cannot say which side of it the target is: the scheduler, not the target, put it over.
 * @example straddles(230, 200, [{ name: 'p50', percentile: 50, ms: 100 }]) // true: 30 ms ≤ 100 < 230 ms
 */
export function straddles(ms: number, busyMs: number, budgets: readonly Budget[]): boolean {
  return budgets.some((b) => ms > b.ms && ms - busyMs <= b.ms);
}

/** Where a budget stands: certain either way, still open, or never decidable from these samples. */
export type BudgetState = 'met' | 'exceeded' | 'open' | 'undecided';

/** Rank (1-based) of the nearest-rank percentile `p` (0..100) among `n` values. */
export function percentileRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
}

/** Nearest-rank percentile of ascending `sorted` (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[percentileRank(p, sorted.length) - 1];
}

/** The lower bound a sample puts on its duration: exact when answered, `overMs` when cut. */
export function sampleMs(s: Sample): number {
  return 'ms' in s ? s.ms : s.overMs;
}

/**
 * Counts samples within and over `budget`. A cut sample is over every budget it outlasted
 * (unanswered after overMs ≥ budget means duration > budget); against a larger budget it says
 * nothing, so it is neither within nor over.
 */
function tally(samples: readonly Sample[], budget: number): { within: number; over: number } {
  let within = 0;
  let over = 0;
  for (const s of samples) {
    if ('ms' in s) {
      if (s.ms <= budget) within++;
      else over++;
    } else if (s.overMs >= budget) over++;
  }
  return { within, over };
}

/**
 * Whether `budget` is met or exceeded over `planned` samples, given the ones taken so far.
 * With rank r = percentileRank(p, planned): the percentile is ≤ budget for certain once r
 * samples are within it, and > budget for certain once planned − r + 1 samples are over it,
 * whatever the remaining samples (or the undecidable cut ones) would have been.
 * @example budgetState([{ overMs: 1500, cut: 'budget', reused: true }], { name: 'p95', percentile: 95, ms: 1500 }, 5) // 'exceeded'
 */
export function budgetState(samples: readonly Sample[], budget: Budget, planned: number): BudgetState {
  const rank = percentileRank(budget.percentile, planned);
  const { within, over } = tally(samples, budget.ms);
  if (within >= rank) return 'met';
  if (over >= planned - rank + 1) return 'exceeded';
  return samples.length >= planned ? 'undecided' : 'open';
}

/** The run's verdict so far: fail as soon as one budget is exceeded, pass once all are met. */
export function verdictSoFar(
  samples: readonly Sample[],
  budgets: readonly Budget[],
  planned: number,
): 'pass' | 'fail' | 'open' | 'undecided' {
  const states = budgets.map((b) => budgetState(samples, b, planned));
  if (states.includes('exceeded')) return 'fail';
  if (states.every((s) => s === 'met')) return 'pass';
  return states.includes('open') ? 'open' : 'undecided';
}

/** What the http.latency probe asks the sampling worker to measure. */
export type SampleJob = {
  url: string;
  /** Sent with every request (secrets already read); never echoed back. */
  headers?: Record<string, string>;
  /** PEM text of an extra CA to trust beside the system roots. */
  ca?: string;
  insecure?: boolean;
  /** Samples wanted (the warm-up request is not one of them). */
  planned: number;
  budgets: Budget[];
  /** Per request, connect included. */
  timeoutMs: number;
  /** Bound on the whole job, warm-up included: past it no new sample starts. */
  totalMs: number;
};

/** Why the worker stopped sampling. */
export type SampleStop = 'planned' | 'certain' | 'status' | 'failure' | 'time-limit' | 'disturbed';

/** What went wrong with a request, as plain data (it crosses the worker boundary). */
export type SampleFailure = {
  during: 'warm-up' | 'sample';
  /** Which sample (1-based) failed, when one did. */
  sample?: number;
  message: string;
  code?: string;
  /** No answer within the request timeout (connect included for a new connection). */
  timeout: boolean;
};

export type SampleReport = {
  /** The uncounted first request: its time to the last byte and the connect/TLS time before it. */
  warmup?: { ms: number; connectMs: number; status: number };
  samples: Sample[];
  /** Connections opened (1 when every sample reused the warm one). */
  connections: number;
  stop: SampleStop;
  failure?: SampleFailure;
  /** A 5xx status that stopped sampling. */
  errorStatus?: number;
  /**
   * Samples not counted because the measuring thread was busy or starved of CPU long enough to
   * explain their excess over a budget (see straddles); another sample was taken instead.
   */
  disturbed: { ms: number; busyMs: number }[];
  /** Whether the thread's CPU accounting could be read (Linux schedstat); without it no sample is set aside. */
  cpuAccounting: boolean;
};
