/**
 * The undici implementation of HttpTransport: one keep-alive Agent per TLS trust setting for
 * the whole run (bounded connections per origin), a bounded number of requests in flight, a
 * deadline per request covering connect, headers and body, TLS verified by default, no redirect
 * ever followed, and bodies capped.
 *
 * Speed matters (tens of thousands of endpoints): requests go through `dispatch` with one small
 * handler object each, which is also the queue entry and the promise's settler; no streams,
 * no AbortController, no per-request dispatcher.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Agent } from 'undici';
import UndiciAgent from 'undici/lib/dispatcher/agent.js';
import type { ProbeContext } from '../context.ts';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.ts';
import { HttpTransportError } from './http-error.ts';
import { RequestHandler } from './http-request.ts';

export interface HttpPoolOptions {
  /** Default per-request deadline (connect + headers + body). */
  timeoutMs: number;
  /** Requests in flight at once across all origins (default 64). */
  concurrency?: number;
  /** Keep-alive connections per origin (default 64). */
  connections?: number;
}

const READ_ONLY = new Set(['GET', 'HEAD']);

export class HttpPool implements HttpTransport {
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #connections: number;
  readonly #agents = new Map<string, Agent>();
  readonly #queue: RequestHandler[] = [];
  #queueHead = 0;
  #inFlight = 0;
  #starting = false;
  #closed = false;

  constructor(options: HttpPoolOptions) {
    this.#timeoutMs = options.timeoutMs;
    this.#concurrency = Math.max(1, options.concurrency ?? 64);
    this.#connections = Math.max(1, options.connections ?? 64);
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    return new Promise<HttpResponse>((resolve, reject) => {
      if (this.#closed)
        return reject(new HttpTransportError(`[${method}] ${req.url}: transport closed`, req.url, 'invalid'));
      if (!READ_ONLY.has(method) && !req.active && !(method === 'POST' && req.tokenRequest)) {
        const why = `${method} refused: read-only transport (only active checks may change a target)`;
        return reject(new HttpTransportError(`[${method}] ${req.url}: ${why}`, req.url, 'not-allowed'));
      }
      let agent: Agent;
      try {
        agent = this.#agent(req);
      } catch (err) {
        const msg = `[${method}] ${req.url}: cannot read CA file ${req.ca}: ${(err as Error).message}`;
        return reject(new HttpTransportError(msg, req.url, 'invalid', undefined, { cause: err }));
      }
      const handler = new RequestHandler(req, method, timeoutMs, agent, resolve, reject, this.#settled);
      if (this.#inFlight < this.#concurrency) this.#start(handler);
      else this.#queue.push(handler);
    });
  }

  /** Closes every connection; requests still in flight are aborted. */
  async close(): Promise<void> {
    this.#closed = true;
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((a) => a.destroy()));
  }

  #start(handler: RequestHandler): void {
    this.#inFlight++;
    this.#starting = true;
    try {
      handler.start();
    } finally {
      this.#starting = false;
    }
  }

  // An arrow so the handler can call it without a bound copy per request.
  readonly #settled = (): void => {
    this.#inFlight--;
    // A request that failed synchronously (bad URL, bad header) settles inside #start: starting
    // the next one there would recurse once per queued request, so hop to a microtask instead.
    if (this.#starting) queueMicrotask(this.#drain);
    else this.#drain();
  };

  readonly #drain = (): void => {
    while (this.#inFlight < this.#concurrency && this.#queueHead < this.#queue.length) {
      const next = this.#queue[this.#queueHead];
      this.#queue[this.#queueHead++] = undefined as unknown as RequestHandler;
      if (this.#queueHead > 1024 && this.#queueHead * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#queueHead);
        this.#queueHead = 0;
      }
      this.#start(next);
    }
  };

  #agent(req: HttpRequest): Agent {
    const key = req.insecure ? 'insecure' : (req.ca ?? '');
    let agent = this.#agents.get(key);
    if (!agent) {
      const connect: Record<string, unknown> = { timeout: this.#timeoutMs };
      if (req.insecure) connect.rejectUnauthorized = false;
      // Node's `ca` replaces the system roots; keep them and add the extra CA.
      else if (req.ca) connect.ca = [...rootCertificates, readFileSync(req.ca, 'utf8')];
      agent = new UndiciAgent({
        connections: this.#connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: 0,
        bodyTimeout: 0,
        connect,
      });
      this.#agents.set(key, agent);
    }
    return agent;
  }
}

/**
 * The run's one HTTP transport (created on first use, closed when the run ends).
 * @example const res = await httpTransport(ctx).request({ url: 'https://api.example.com/health' });
 */
export function httpTransport(ctx: ProbeContext): HttpTransport {
  return ctx.shared('transport:http', () => {
    const pool = new HttpPool({ timeoutMs: ctx.options.timeoutMs, concurrency: ctx.options.concurrency });
    ctx.onClose(() => pool.close());
    return pool;
  });
}
