/**
 * GET a JSON page for a source, through the run's HTTP transport (timeouts, CA, no redirects).
 * Every failure is a SourceError that names the source and the URL and says what came back.
 */

import type { HttpResponse } from '../../checks/transport/http.ts';
import { HttpPool } from '../../checks/transport/http-pool.ts';
import { SourceError } from './types.ts';

/** One page of a source may be large (10,000 tenants), never unbounded. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;

export interface JsonPage {
  url: string;
  data: unknown;
  headers: Record<string, string>;
}

export interface JsonClient {
  get(url: string, headers: Record<string, string>): Promise<JsonPage>;
  close(): Promise<void>;
}

/** @example const c = jsonClient('control-plane', { timeoutMs: 10_000 }); await c.get(url, {}) */
export function jsonClient(
  source: string,
  o: { timeoutMs: number; ca?: string; insecure?: boolean },
): JsonClient {
  const pool = new HttpPool({ timeoutMs: o.timeoutMs, concurrency: 4, connections: 2 });
  return {
    async get(url, headers) {
      let res: HttpResponse;
      try {
        res = await pool.request({
          url,
          headers: { accept: 'application/json', ...headers },
          maxBodyBytes: MAX_PAGE_BYTES,
          ca: o.ca,
          insecure: o.insecure,
        });
      } catch (err) {
        throw new SourceError(source, (err as Error).message, { cause: err });
      }
      const shown = `[GET] ${url}`;
      if (res.status < 200 || res.status > 299) {
        const hint =
          res.status === 401 || res.status === 403 ? " (check the source's auth: the API refused it)" : '';
        throw new SourceError(source, `${shown}: HTTP ${res.status}${hint}: ${res.body.slice(0, 160)}`);
      }
      if (res.truncated)
        throw new SourceError(source, `${shown}: answer larger than ${MAX_PAGE_BYTES} bytes`);
      try {
        return { url, data: JSON.parse(res.body), headers: res.headers };
      } catch (err) {
        throw new SourceError(
          source,
          `${shown}: not JSON (${(err as Error).message}): ${res.body.slice(0, 80)}`,
        );
      }
    },
    close: () => pool.close(),
  };
}

/** A next-page URL resolved against the page it came from; only on the same origin (auth goes with it). */
export function nextUrl(source: string, from: string, next: string): string {
  let target: URL;
  try {
    target = new URL(next, from);
  } catch {
    throw new SourceError(source, `[GET] ${from}: next page "${next.slice(0, 120)}" is not a URL`);
  }
  if (target.origin !== new URL(from).origin)
    throw new SourceError(
      source,
      `[GET] ${from}: next page ${target.origin} is on another origin; the source's credentials are only sent to ${new URL(from).origin}`,
    );
  return target.href;
}
