/**
 * One measured endpoint's connection in the latency worker: a keep-alive agent holding a single
 * socket, and `once()`, one GET timed from the moment it leaves on a connected socket (a reused
 * socket: when the request is handed to it; a new one: on connect or TLS handshake) to the last
 * body byte, with the measuring thread's own CPU time over the same span. Connect and handshake
 * time is never in a sample. Only node builtins: bundled into the worker as is.
 */
import { readFileSync } from 'node:fs';
import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rootCertificates } from 'node:tls';
import type { SampleJob } from './http-sampling.ts';

export type Answer = {
  kind: 'answer';
  ms: number;
  /** This thread's running plus runnable-but-waiting time during the sample (NaN: unknown). */
  busyMs: number;
  status: number;
  reused: boolean;
  connectMs: number;
};
export type Cut = { kind: 'cut'; overMs: number; cut: 'budget' | 'timeout'; reused: boolean };
export type Failed = { kind: 'failed'; message: string; code?: string; timeout: boolean };

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Nanoseconds this thread has spent on a CPU plus waiting in the run queue (Linux
 * /proc/thread-self/schedstat), in ms; NaN where the kernel does not say. While a request is
 * pending the thread sleeps unless it has work: once the answer's last byte is in, the thread is
 * running or runnable until it reads it, so the delay is at most the growth of this figure.
 */
function threadBusyMs(): number {
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return (onCpu + waiting) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export class SampleConnection {
  readonly #agent: HttpAgent;
  readonly #send: typeof httpRequest;
  readonly #tls: boolean;
  /** Sockets that finished connecting: a request handed one of them is timed from that moment. */
  readonly #ready = new WeakSet<Socket>();
  connections = 0;

  constructor(readonly job: SampleJob) {
    this.#tls = job.url.startsWith('https:');
    const options = { keepAlive: true, maxSockets: 1, keepAliveMsecs: 30_000 };
    if (this.#tls) {
      const ca = job.ca ? [...rootCertificates, job.ca] : undefined;
      this.#agent = new HttpsAgent({ ...options, ca, rejectUnauthorized: !job.insecure });
      this.#send = httpsRequest as typeof httpRequest;
    } else {
      this.#agent = new HttpAgent(options);
      this.#send = httpRequest;
    }
  }

  /**
   * One GET. `cutMs` after the request left, a still unanswered request is abandoned (its
   * socket destroyed) and reported as lasting more than that. Both deadlines look again after
   * the event loop's I/O phase (setImmediate) before giving up: an answer that arrived while
   * this thread was not scheduled is read first, so a cut is always a true lower bound.
   */
  once(cutMs: number): Promise<Answer | Cut | Failed> {
    return new Promise((resolve) => {
      const createdAt = performance.now();
      let readyAt = 0;
      let busyAt = 0;
      let reused = false;
      let done = false;
      let req: ClientRequest | undefined;
      const timers: NodeJS.Timeout[] = [];
      const settle = (r: Answer | Cut | Failed) => {
        if (done) return;
        done = true;
        for (const t of timers) clearTimeout(t);
        if (r.kind !== 'answer') req?.destroy();
        resolve(r);
      };
      // Node's timers run on the loop's cached clock and may fire a little before `ms` have
      // passed on performance.now(): re-arm until they truly have, so a cut is never early.
      const after = (ms: number, from: number, then: (firedAt: number) => void) => {
        const arm = () =>
          timers.push(
            setTimeout(
              () => {
                const firedAt = performance.now();
                if (firedAt - from < ms) return arm();
                setImmediate(() => done || then(firedAt));
              },
              Math.max(1, ms - (performance.now() - from)),
            ),
          );
        arm();
      };
      const started = (at: number) => {
        readyAt = at;
        busyAt = threadBusyMs();
        if (Number.isFinite(cutMs))
          after(cutMs, readyAt, (firedAt) =>
            settle({ kind: 'cut', overMs: Math.max(cutMs, round(firedAt - readyAt)), cut: 'budget', reused }),
          );
      };
      after(this.job.timeoutMs, createdAt, (firedAt) => {
        if (readyAt === 0)
          settle({ kind: 'failed', message: `timeout after ${this.job.timeoutMs} ms`, timeout: true });
        else settle({ kind: 'cut', overMs: round(firedAt - readyAt), cut: 'timeout', reused });
      });
      try {
        req = this.#send(this.job.url, { agent: this.#agent, headers: this.job.headers, method: 'GET' });
      } catch (err) {
        settle(failed(err));
        return;
      }
      req.on('socket', (socket: Socket) => {
        if (this.#ready.has(socket)) {
          reused = true;
          started(performance.now());
          return;
        }
        this.connections++;
        socket.once(this.#tls ? 'secureConnect' : 'connect', () => {
          this.#ready.add(socket);
          started(performance.now());
        });
      });
      req.on('response', (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const end = performance.now();
          settle({
            kind: 'answer',
            ms: round(end - readyAt),
            busyMs: round(threadBusyMs() - busyAt),
            status: res.statusCode ?? 0,
            reused,
            connectMs: round(readyAt - createdAt),
          });
        });
        res.on('error', (err) => settle(failed(err)));
      });
      req.on('error', (err) => settle(failed(err)));
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function failed(err: unknown): Failed {
  const e = err as NodeJS.ErrnoException;
  const message = e?.message ?? String(err);
  // node:https reports a broken handshake as `write EPROTO <OpenSSL error queue>`; keep the
  // reason, coded the way node:tls codes it (what undici's errors carry), without file paths.
  const ssl = e?.code === 'EPROTO' ? /:SSL routines:[^:]*:([^:]+):/.exec(message) : null;
  if (ssl) {
    const code = `ERR_SSL_${ssl[1].toUpperCase().replace(/\W+/g, '_')}`;
    return { kind: 'failed', message: ssl[1], code, timeout: false };
  }
  return { kind: 'failed', message, code: e?.code, timeout: false };
}
