/**
 * A control plane's JSON API as an inventory: every page of a list (next-URL, Link header or
 * page numbers), each item (or each element of an array inside it, e.g. a tenant's sites)
 * mapped to an endpoint or a host by `{{path}}` templates. Bounded in pages and items.
 */
import { readPath } from '../../checks/http/json-path.ts';
import { type JsonClient, type JsonPage, jsonClient, nextUrl } from './fetch-json.ts';
import { mapItem } from './map-item.ts';
import { type HttpSource, type Resolved, type SourceContext, SourceError } from './types.ts';

const MAX_PAGES = 10_000;
const MAX_ITEMS = 500_000;

/**
 * Reads every page of a JSON API and maps its items to inventory entries.
 * @example await httpSource({ name: 'cp', kind: 'http', url: 'http://cp/tenants', as: 'endpoints', items: 'data', pagination: { next: 'next' }, map: { name: '{{name}}', url: 'https://{{domain}}/' } }, ctx)
 */
export async function httpSource(s: HttpSource, ctx: SourceContext): Promise<Resolved> {
  const client = jsonClient(s.name, {
    timeoutMs: s.timeoutMs ?? ctx.timeoutMs,
    ca: s.ca,
    insecure: s.insecure,
  });
  try {
    const items = await readAllItems(s, client, authHeaders(s, ctx));
    const out: Resolved = { hosts: [], endpoints: [], notes: [] };
    const problems: string[] = [];
    items.forEach((item, i) => {
      const rows = s.expand ? expandItem(s, item, i) : [item];
      for (const row of rows) {
        const mapped = mapItem(s.map, row, s.as);
        if (!mapped.ok) problems.push(`item ${i}: ${mapped.why}`);
        else if (s.as === 'hosts') out.hosts.push(mapped.entry as Resolved['hosts'][number]);
        else out.endpoints.push(mapped.entry as Resolved['endpoints'][number]);
      }
    });
    if (problems.length)
      throw new SourceError(
        s.name,
        `${problems.length} of ${items.length} items cannot be mapped: ${problems.slice(0, 5).join('; ')}`,
      );
    return out;
  } finally {
    await client.close();
  }
}

function authHeaders(s: HttpSource, ctx: SourceContext): Record<string, string> {
  const a = s.auth;
  if (!a) return {};
  if (a.bearer) return { authorization: `Bearer ${ctx.secret(a.bearer)}` };
  if (a.header) return { [a.header.name.toLowerCase()]: ctx.secret(a.header.value) };
  if (a.basic)
    return {
      authorization: `Basic ${Buffer.from(`${a.basic.user}:${ctx.secret(a.basic.password)}`).toString('base64')}`,
    };
  return {};
}

async function readAllItems(s: HttpSource, client: JsonClient, headers: Record<string, string>) {
  const maxPages = s.maxPages ?? MAX_PAGES;
  const maxItems = s.maxItems ?? MAX_ITEMS;
  const pg = s.pagination;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let page = pg?.page?.start ?? 1;
  let url: string | undefined = pageUrl(s, page);
  for (let n = 0; url !== undefined; n++) {
    if (n >= maxPages)
      throw new SourceError(s.name, `more than ${maxPages} pages (raise maxPages if this is right)`);
    // A next link that points back to a page already read would loop for ever.
    if (seen.has(url))
      throw new SourceError(s.name, `[GET] ${url}: the API sent this page twice (a pagination loop)`);
    seen.add(url);
    const got = await client.get(url, headers);
    const list = listOf(s, got);
    items.push(...list);
    if (items.length > maxItems)
      throw new SourceError(s.name, `more than ${maxItems} items (raise maxItems if this is right)`);
    url = following(s, got, list.length, ++page);
  }
  return items;
}

function pageUrl(s: HttpSource, page: number): string {
  const p = s.pagination?.page;
  if (!p) return s.url;
  const u = new URL(s.url);
  u.searchParams.set(p.param, String(page));
  if (p.sizeParam) u.searchParams.set(p.sizeParam, String(p.size ?? 100));
  return u.href;
}

function listOf(s: HttpSource, got: JsonPage): unknown[] {
  const found = s.items ? readPath(got.data, s.items) : { exists: true, value: got.data };
  if (!found.exists || !Array.isArray(found.value))
    throw new SourceError(
      s.name,
      `[GET] ${got.url}: ${s.items ? `"${s.items}" is not a list` : 'the body is not a list (set items: to where the list is)'}`,
    );
  return found.value;
}

function following(s: HttpSource, got: JsonPage, count: number, page: number): string | undefined {
  const pg = s.pagination;
  if (!pg) return undefined;
  if (pg.next) {
    const next = readPath(got.data, pg.next).value;
    if (next === undefined || next === null || next === '') return undefined;
    if (typeof next !== 'string')
      throw new SourceError(s.name, `[GET] ${got.url}: "${pg.next}" is not a URL`);
    return nextUrl(s.name, got.url, next);
  }
  if (pg.link) {
    const m = (got.headers.link ?? '').match(/<([^>]+)>\s*;[^,]*\brel="?next"?/i);
    return m ? nextUrl(s.name, got.url, m[1] as string) : undefined;
  }
  if (pg.page) return count === 0 || count < (pg.page.size ?? 1) ? undefined : pageUrl(s, page);
  return undefined;
}

function expandItem(s: HttpSource, item: unknown, i: number): unknown[] {
  const { path, as } = s.expand as { path: string; as: string };
  const found = readPath(item, path);
  if (!found.exists) return [];
  if (!Array.isArray(found.value)) throw new SourceError(s.name, `item ${i}: "${path}" is not a list`);
  if (item === null || typeof item !== 'object') throw new SourceError(s.name, `item ${i} is not an object`);
  return found.value.map((element) => ({ ...(item as object), [as]: element }));
}
