/** One item of a source → one inventory entry, by the mapping's templates. */
import type { EndpointEntry, HostEntry } from '../types.ts';
import { inventoryName, renderTemplate } from './template.ts';
import type { EntryMapping } from './types.ts';

export type Mapped = { ok: true; entry: EndpointEntry | HostEntry } | { ok: false; why: string };

function required(template: string, row: unknown, field: string): string | { why: string } {
  const r = renderTemplate(template, row);
  if (r.ok) return r.value;
  return { why: 'missing' in r ? `${field}: {{${r.missing}}} is missing or empty` : `${field}: ${r.why}` };
}

/** Groups of one item: each template that renders, sanitised; one that reads nothing is left out. */
export function mappedGroups(templates: readonly string[] | undefined, row: unknown): string[] {
  const groups = new Set<string>();
  for (const t of templates ?? []) {
    const r = renderTemplate(t, row);
    if (r.ok && inventoryName(r.value)) groups.add(inventoryName(r.value));
  }
  return [...groups];
}

/** @example mapItem({ name: '{{domain}}', url: 'https://{{domain}}/', groups: ['tier-{{tier}}'] }, item, 'endpoints') */
export function mapItem(map: EntryMapping, row: unknown, as: 'endpoints' | 'hosts'): Mapped {
  const name = required(map.name, row, 'name');
  if (typeof name !== 'string') return { ok: false, why: name.why };
  const groups = mappedGroups(map.groups, row);
  const named = { name: inventoryName(name), ...(groups.length ? { groups } : {}) };
  if (as === 'endpoints') {
    const url = required(map.url ?? '', row, 'url');
    if (typeof url !== 'string') return { ok: false, why: url.why };
    if (!/^https?:\/\/\S+$/.test(url))
      return { ok: false, why: `url "${url.slice(0, 120)}" is not an http(s) URL` };
    return { ok: true, entry: { ...named, url } };
  }
  const host: HostEntry = { ...named };
  if (map.address) {
    const a = required(map.address, row, 'address');
    if (typeof a !== 'string') return { ok: false, why: a.why };
    host.address = a;
  }
  if (map.port) {
    const p = renderTemplate(map.port, row);
    if (p.ok) {
      const port = Number(p.value);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        return { ok: false, why: `port "${p.value}" is not a port` };
      host.port = port;
    }
  }
  if (map.user) {
    const u = renderTemplate(map.user, row);
    if (u.ok) host.user = u.value;
  }
  return { ok: true, entry: host };
}
