/**
 * One HTTP request in flight: undici's dispatch handler, the pool's queue entry and the
 * promise's settler in a single object. Bodies past the cap are read and dropped, so the
 * connection stays reusable without holding a large answer in memory.
 */
import { performance } from 'node:perf_hooks';
import type { Agent, Dispatcher } from 'undici';
import type { HttpRequest, HttpResponse } from './http.ts';
import { type HttpTransportError, timeoutError, toHttpError } from './http-error.ts';

const DEFAULT_MAX_BODY = 1024 * 1024;

/** `https://h:1/p?q#f` → origin `https://h:1`, path `/p?q`, without a URL object per request. */
function splitUrl(url: string): [origin: string, path: string] {
  const start = url.indexOf('//') + 2;
  let end = start;
  while (end < url.length && url[end] !== '/' && url[end] !== '?' && url[end] !== '#') end++;
  const hash = url.indexOf('#', end);
  const rest = hash < 0 ? url.slice(end) : url.slice(end, hash);
  return [url.slice(0, end), rest === '' ? '/' : rest[0] === '?' ? `/${rest}` : rest];
}

// A module-level callback, so arming the deadline allocates no closure per request.
function fireTimeout(handler: RequestHandler): void {
  handler.timeout();
}

export class RequestHandler implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #done = false;
  #startedAt = 0;
  #status = 0;
  #headers: Record<string, string> = {};
  #chunks: Buffer[] = [];
  #bytes = 0;
  #truncated = false;
  readonly #maxBody: number;

  constructor(
    readonly req: HttpRequest,
    readonly method: string,
    readonly timeoutMs: number,
    readonly agent: Agent,
    readonly resolve: (res: HttpResponse) => void,
    readonly reject: (err: HttpTransportError) => void,
    readonly settled: () => void,
  ) {
    this.#maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
  }

  start(): void {
    const url = this.req.url;
    if (!url.startsWith('http://') && !url.startsWith('https://')) {
      this.#finish(
        toHttpError(this.method, url, new Error('only http:// and https:// URLs'), this.timeoutMs),
      );
      return;
    }
    const [origin, path] = splitUrl(url);
    this.#startedAt = performance.now();
    this.#timer = setTimeout(fireTimeout, this.timeoutMs, this);
    try {
      this.agent.dispatch(
        {
          origin,
          path,
          method: this.method as Dispatcher.HttpMethod,
          headers: this.req.headers,
          body: this.req.body,
        },
        this,
      );
    } catch (err) {
      this.#finish(toHttpError(this.method, url, err, this.timeoutMs));
    }
  }

  /** The request's deadline passed (called by the timer). */
  timeout(): void {
    const err = timeoutError(this.method, this.req.url, this.timeoutMs);
    // Not yet on a socket (still connecting): settle now; onRequestStart aborts it when it comes.
    this.#controller?.abort(err);
    this.#finish(err);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#done) controller.abort(timeoutError(this.method, this.req.url, this.timeoutMs));
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: Record<string, unknown>): void {
    this.#status = status;
    for (const name in headers) {
      const value = headers[name];
      this.#headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    const room = this.#maxBody - this.#bytes;
    if (room <= 0) {
      this.#truncated = true;
      return;
    }
    if (chunk.length > room) {
      chunk = chunk.subarray(0, room);
      this.#truncated = true;
    }
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
  }

  onResponseEnd(): void {
    if (this.#done) return;
    const chunks = this.#chunks;
    const body =
      chunks.length === 0 ? '' : (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
    const res: HttpResponse = {
      url: this.req.url,
      status: this.#status,
      headers: this.#headers,
      body,
      // Tenths of a millisecond: enough for latency budgets, and evidence stays readable.
      durationMs: Math.round((performance.now() - this.#startedAt) * 10) / 10,
    };
    if (this.#truncated) res.truncated = true;
    this.#finish(undefined, res);
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    this.#finish(toHttpError(this.method, this.req.url, err, this.timeoutMs));
  }

  #finish(err: HttpTransportError | undefined, res?: HttpResponse): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#chunks = [];
    if (err) this.reject(err);
    else this.resolve(res!);
    this.settled();
  }
}
