/**
 * GETs of a site's paths for the WordPress HTTP probes: relative to the endpoint, with its
 * headers and TLS settings, bodies bounded, a few at a time. What an answer means is for the
 * probes; a server error or a failed request is `error` there, never a verdict.
 */
import { type Endpoint, requestFor } from '../http/endpoint.ts';
import type { HttpResponse, HttpTransport } from '../transport/http.ts';

export type Answer = { url: string; ok: true; res: HttpResponse } | { url: string; ok: false; error: string };

const MAX_BODY = 262_144;
const AT_ONCE = 6;

/** The URL of `path` on the endpoint's site (paths are relative to its root). */
export function siteUrl(endpoint: Endpoint, path: string): string {
  return new URL(path.replace(/^\//, ''), endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`)
    .href;
}

/** GETs every path, a few at a time; each answer or its failure in words. */
export async function getAll(http: HttpTransport, endpoint: Endpoint, paths: string[]): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < paths.length; i += AT_ONCE) {
    const batch = paths.slice(i, i + AT_ONCE).map(async (path): Promise<Answer> => {
      const url = siteUrl(endpoint, path);
      try {
        return {
          url,
          ok: true,
          res: await http.request(requestFor(endpoint, url, { maxBodyBytes: MAX_BODY })),
        };
      } catch (err) {
        return { url, ok: false, error: (err as Error).message };
      }
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/** One line per answer for evidence: `GET url → 200 (1234 bytes)` or the failure. */
export function answerLine(a: Answer): string {
  if (!a.ok) return `GET ${a.url} → ${a.error}`;
  const where = a.res.headers.location ? ` → ${a.res.headers.location}` : '';
  return `GET ${a.url} → ${a.res.status}${where} (${a.res.body.length} bytes)`;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export const isRedirect = (r: HttpResponse) => REDIRECT.has(r.status) && Boolean(r.headers.location);

/** An answer that says nothing about the site's content: failed, or a server error. */
export function unusable(a: Answer): string | undefined {
  if (!a.ok) return a.error;
  if (a.res.status >= 500) return `${a.url} answered ${a.res.status}`;
  return undefined;
}
