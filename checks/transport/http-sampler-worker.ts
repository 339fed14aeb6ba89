/**
 * The latency sampling worker (a worker thread; see http-sampler.ts for why). Each job gets
 * its own connection (http-sampler-connection.ts): a warm-up request that is not counted, then
 * sequential samples until the verdict is certain (http-sampling.ts). A sample the measuring
 * thread's own CPU wait could have put over a budget is retaken. Only node builtins and these
 * two modules are imported: esbuild bundles the file on its own.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { type Failed, SampleConnection } from './http-sampler-connection.ts';
import {
  type Sample,
  type SampleFailure,
  type SampleJob,
  type SampleReport,
  straddles,
  verdictSoFar,
} from './http-sampling.ts';

const failure = (during: SampleFailure['during'], f: Failed): SampleFailure => ({
  during,
  message: f.message,
  code: f.code,
  timeout: f.timeout,
});

/** Warm-up, then samples until the verdict is certain, the plan is done or time runs out. */
export async function sampleEndpoint(job: SampleJob): Promise<SampleReport> {
  const endpoint = new SampleConnection(job);
  const deadline = performance.now() + job.totalMs;
  // Past the largest budget a sample's exact time cannot change any verdict.
  const cutMs = Math.max(...job.budgets.map((b) => b.ms));
  const samples: Sample[] = [];
  const disturbed: SampleReport['disturbed'] = [];
  let cpuAccounting = true;
  const report = (stop: SampleReport['stop'], extra: Partial<SampleReport> = {}): SampleReport => ({
    samples,
    disturbed,
    cpuAccounting,
    connections: endpoint.connections,
    stop,
    ...extra,
  });
  try {
    const warm = await endpoint.once(Number.POSITIVE_INFINITY);
    if (warm.kind === 'failed') return report('failure', { failure: failure('warm-up', warm) });
    if (warm.kind === 'cut')
      return report('failure', {
        failure: { during: 'warm-up', message: `timeout after ${job.timeoutMs} ms`, timeout: true },
      });
    const warmup = { ms: warm.ms, connectMs: warm.connectMs, status: warm.status };
    if (warm.status >= 500) return report('status', { warmup, errorStatus: warm.status });
    while (samples.length < job.planned) {
      if (performance.now() >= deadline) return report('time-limit', { warmup });
      const r = await endpoint.once(cutMs);
      if (r.kind === 'failed')
        return report('failure', {
          warmup,
          failure: { ...failure('sample', r), sample: samples.length + 1 },
        });
      // The time of an error page says nothing about the service: it is not a sample.
      if (r.kind === 'answer' && r.status >= 500) return report('status', { warmup, errorStatus: r.status });
      if (r.kind === 'answer' && Number.isNaN(r.busyMs)) cpuAccounting = false;
      else if (r.kind === 'answer' && straddles(r.ms, r.busyMs, job.budgets)) {
        disturbed.push({ ms: r.ms, busyMs: r.busyMs });
        // As many retakes as planned samples at most: a thread starved that long cannot measure.
        if (disturbed.length > job.planned) return report('disturbed', { warmup });
        continue;
      }
      samples.push(
        r.kind === 'answer'
          ? { ms: r.ms, status: r.status, reused: r.reused }
          : { overMs: r.overMs, cut: r.cut, reused: r.reused },
      );
      const verdict = verdictSoFar(samples, job.budgets, job.planned);
      if (verdict === 'pass' || verdict === 'fail')
        return report(samples.length < job.planned ? 'certain' : 'planned', { warmup });
      // A request that outlasted the timeout is not retried: each retry would cost a full timeout.
      if (r.kind === 'cut' && r.cut === 'timeout') {
        const message = `timeout after ${job.timeoutMs} ms`;
        const f: SampleFailure = { during: 'sample', sample: samples.length, message, timeout: true };
        return report('failure', { warmup, failure: f });
      }
    }
    return report('planned', { warmup });
  } finally {
    endpoint.close();
  }
}

type Request = { id: number; job: SampleJob };

// Jobs share this thread's event loop: a bounded number at once keeps each sample's wait for
// the loop far below any budget (an answer is handled in well under a millisecond).
const data = workerData as { readyspecLatencySampler?: boolean; concurrency?: number } | null;
const limit = Math.max(1, Number(data?.concurrency) || 32);
const queue: Request[] = [];
let running = 0;

function pump(): void {
  while (running < limit && queue.length > 0) {
    const { id, job } = queue.shift() as Request;
    running++;
    sampleEndpoint(job)
      .then(
        (report) => parentPort?.postMessage({ id, report }),
        (err: unknown) => parentPort?.postMessage({ id, crash: String((err as Error)?.stack ?? err) }),
      )
      .finally(() => {
        running--;
        pump();
      });
  }
}

// Only as the sampler's own thread: imported anywhere else (a test runner's worker thread has a
// parentPort too) the module must not listen to someone else's messages.
if (data?.readyspecLatencySampler)
  parentPort?.on('message', (msg: Request) => {
    queue.push(msg);
    pump();
  });
