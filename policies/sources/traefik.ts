/**
 * Traefik's HTTP routers as endpoints: one per host named in a `Host(...)` rule (with the
 * rule's PathPrefix/Path, if any), grouped by the router's middlewares (`middleware-auth`),
 * entry points and provider, so "every router with the auth middleware demands
 * authentication" is one control over `groups: [middleware-auth]`.
 */
import type { EndpointEntry } from '../types.ts';
import { jsonClient } from './fetch-json.ts';
import { inventoryName } from './template.ts';
import { type Resolved, type SourceContext, SourceError, type TraefikSource } from './types.ts';

const PER_PAGE = 100;
const MAX_PAGES = 500;

interface Router {
  name: string;
  rule?: string;
  middlewares?: string[];
  entryPoints?: string[];
  provider?: string;
  tls?: unknown;
  status?: string;
}

/** Host names and the path of a rule; HostRegexp and HostSNI cannot be visited and are left out. */
export function ruleTargets(rule: string): { hosts: string[]; path: string; patterns: string[] } {
  const hosts: string[] = [];
  for (const m of rule.matchAll(/\bHost\(([^)]*)\)/g))
    for (const q of (m[1] as string).matchAll(/[`"']([^`"']+)[`"']/g))
      hosts.push((q[1] as string).toLowerCase());
  const patterns = [...rule.matchAll(/\bHostRegexp\(([^)]*)\)/g)].map((m) => m[1] as string);
  const path = rule.match(/\bPath(?:Prefix)?\([`"']([^`"']+)[`"']/)?.[1] ?? '/';
  return { hosts: [...new Set(hosts)], path, patterns };
}

/** `auth@file` → `auth`: the same middleware from any provider is one group. */
const withoutProvider = (n: string) => n.replace(/@[^@]*$/, '');

/** @example await traefikSource({ name: 'edge', kind: 'traefik', url: 'http://traefik:8080' }, ctx) */
export async function traefikSource(s: TraefikSource, ctx: SourceContext): Promise<Resolved> {
  const client = jsonClient(s.name, {
    timeoutMs: s.timeoutMs ?? ctx.timeoutMs,
    ca: s.ca,
    insecure: s.insecure,
  });
  const headers: Record<string, string> = s.token ? { authorization: `Bearer ${ctx.secret(s.token)}` } : {};
  const routers: Router[] = [];
  try {
    for (let page = 1, n = 0; n < MAX_PAGES; n++) {
      const url = `${s.url.replace(/\/+$/, '')}/api/http/routers?page=${page}&per_page=${PER_PAGE}`;
      const got = await client.get(url, headers);
      if (!Array.isArray(got.data)) throw new SourceError(s.name, `[GET] ${url}: not a list of routers`);
      for (const r of got.data)
        if (typeof r === 'object' && r !== null && typeof (r as Router).name === 'string')
          routers.push(r as Router);
        else throw new SourceError(s.name, `[GET] ${url}: a router without a name`);
      const next = Number(got.headers['x-next-page'] ?? 1);
      if (!(next > page)) break;
      page = next;
    }
  } finally {
    await client.close();
  }
  const byUrl = new Map<string, EndpointEntry>();
  const notes: string[] = [];
  for (const r of routers) {
    if (s.entryPoints && !(r.entryPoints ?? []).some((e) => s.entryPoints?.includes(e))) continue;
    const { hosts, path, patterns } = ruleTargets(r.rule ?? '');
    if (patterns.length)
      notes.push(`router ${r.name}: HostRegexp ${patterns.join(', ')} names no host to visit`);
    if (hosts.length === 0 && !patterns.length)
      notes.push(`router ${r.name}: no Host() in rule ${r.rule ?? '(none)'}`);
    const scheme = s.scheme ?? (r.tls ? 'https' : 'http');
    const groups = [
      ...(r.middlewares ?? []).map((m) => `middleware-${withoutProvider(m)}`),
      ...(r.entryPoints ?? []).map((e) => `entrypoint-${e}`),
      ...(r.provider ? [`provider-${r.provider}`] : []),
    ].map(inventoryName);
    for (const host of hosts) {
      const url = `${scheme}://${host}${path}`;
      const name = inventoryName(path === '/' ? host : `${host}${path}`);
      // The same host on two entry points (web, websecure) is one site with both routers' groups.
      const known = byUrl.get(url);
      if (known) known.groups = [...new Set([...(known.groups ?? []), ...groups])];
      else byUrl.set(url, { name, url, groups: [...new Set(groups)] });
    }
  }
  return { hosts: [], endpoints: [...byUrl.values()], notes };
}
