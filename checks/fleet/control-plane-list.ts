/**
 * Reads every page of a control-plane list (`{ data: [...], next }`), bounded in pages. Any
 * answer that is not that shape is an `error` result naming the URL, never a verdict.
 */
import { type Evidence, fromError, inconclusive, type ProbeResult } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';

const MAX_PAGES = 2000;

export type ListAnswer =
  | { ok: true; items: Record<string, unknown>[]; source: string }
  | { ok: false; result: ProbeResult };

/** @example await controlPlaneList(http, 'http://cp/shards', token) */
export async function controlPlaneList(
  http: HttpTransport,
  url: string,
  token: string | undefined,
): Promise<ListAnswer> {
  const items: Record<string, unknown>[] = [];
  const evidence: Evidence = { source: url };
  let next: string | null = url;
  for (let n = 0; next; n++) {
    if (n >= MAX_PAGES)
      return { ok: false, result: inconclusive(`${url}: more than ${MAX_PAGES} pages`, evidence) };
    let body: unknown;
    try {
      const res = await http.request({
        url: next,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        maxBodyBytes: 32 * 1024 * 1024,
      });
      if (res.status !== 200)
        return {
          ok: false,
          result: inconclusive(
            `[GET] ${next}: HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (the audit lacks access)' : ''}`,
            evidence,
          ),
        };
      body = JSON.parse(res.body);
    } catch (err) {
      return { ok: false, result: fromError(err, evidence) };
    }
    const page = body as { data?: unknown; next?: unknown };
    if (!Array.isArray(page?.data) || !page.data.every((i) => typeof i === 'object' && i !== null))
      return { ok: false, result: inconclusive(`[GET] ${next}: no "data" list of objects`, evidence) };
    items.push(...(page.data as Record<string, unknown>[]));
    const following: string | null =
      typeof page.next === 'string' && page.next ? new URL(page.next, next).href : null;
    if (following && new URL(following).origin !== new URL(url).origin)
      return { ok: false, result: inconclusive(`[GET] ${next}: next page on another origin`, evidence) };
    next = following;
  }
  return { ok: true, items, source: url };
}
