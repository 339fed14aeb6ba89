/**
 * Latency sampling off the engine's event loop. The engine's thread runs thousands of probes,
 * parses answers and writes results: a response that arrives while it is busy waits for the
 * loop, and timing it there measures the audit, not the target (10 ms endpoints were measured
 * at 2–3 s on a loaded run). Node gives no kernel socket timestamps, so the timing moves to a
 * worker thread whose loop does nothing but sample: it owns one keep-alive connection per
 * measured endpoint, and its clock is read on its own loop. What the engine's load can still do
 * is take CPU from the thread; a deadline there looks again after reading the socket before it
 * calls a request unanswered (http-sampler-worker.ts), so a cut sample is a true lower bound.
 *
 * The worker is http-sampler-worker.ts bundled by esbuild when first needed (Node 20 cannot
 * run TypeScript; esbuild already builds the audit), kept between runs while its inputs are
 * unchanged (http-sampler-bundle.ts), started once per run from a data: URL.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProbeContext } from '../context.ts';
import { workerBundle } from './http-sampler-bundle.ts';
import type { SampleJob, SampleReport } from './http-sampling.ts';

export interface LatencySampler {
  /** Warm-up plus samples of one endpoint; resolves with what was measured, failures included. */
  sample(job: SampleJob): Promise<SampleReport>;
  close(): Promise<void>;
}

type Pending = { resolve: (r: SampleReport) => void; reject: (e: Error) => void };
type Reply = { id: number; report?: SampleReport; crash?: string };

const WORKER_SOURCE = fileURLToPath(new URL('./http-sampler-worker.ts', import.meta.url));

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/readyspec', import.meta.url));

async function workerScript(): Promise<URL> {
  const text = await workerBundle(WORKER_SOURCE, CACHE_DIR);
  return new URL(`data:text/javascript,${encodeURIComponent(text)}`);
}

/**
 * Samples in a worker thread of its own; `concurrency` endpoints are sampled at once there.
 * @example const s = new WorkerLatencySampler(); const r = await s.sample({ url, planned: 5, budgets, timeoutMs: 10_000, totalMs: 40_000 });
 */
export class WorkerLatencySampler implements LatencySampler {
  #worker: Promise<Worker> | undefined;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #closed = false;

  constructor(readonly concurrency = 32) {}

  async sample(job: SampleJob): Promise<SampleReport> {
    if (this.#closed) throw new Error('latency sampler already closed');
    const worker = await this.#start();
    return new Promise<SampleReport>((resolve, reject) => {
      const id = this.#next++;
      this.#pending.set(id, { resolve, reject });
      // Referenced only while it has work: an idle sampler never keeps the process alive.
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await (await worker.catch(() => undefined))?.terminate();
    this.#failAll(new Error('latency sampler closed'));
  }

  #start(): Promise<Worker> {
    this.#worker ??= workerScript().then((script) => {
      const worker = new Worker(script, {
        workerData: { readyspecLatencySampler: true, concurrency: this.concurrency },
      });
      worker.unref();
      worker.on('message', (reply: Reply) => this.#settle(reply, worker));
      worker.on('error', (err) => this.#failAll(new Error(`latency sampler crashed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (!this.#closed) this.#failAll(new Error(`latency sampler exited with code ${code}`));
        this.#worker = undefined;
      });
      return worker;
    });
    return this.#worker;
  }

  #settle(reply: Reply, worker: Worker): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) worker.unref();
    if (reply.report) pending.resolve(reply.report);
    else pending.reject(new Error(`latency sampler failed: ${reply.crash}`));
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}

/**
 * The run's latency sampler (started on the first http.latency check, stopped when the run ends).
 * @example const report = await latencySampler(ctx).sample(job);
 */
export function latencySampler(ctx: ProbeContext): LatencySampler {
  return ctx.shared('transport:http-latency', () => {
    const sampler = new WorkerLatencySampler();
    ctx.onClose(() => sampler.close());
    return sampler;
  });
}
