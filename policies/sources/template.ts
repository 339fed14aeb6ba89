/**
 * `{{path}}` templates over one item of a source: `https://{{site.domain}}/`,
 * `shard-{{shard}}`. Paths use the policy's JSON path syntax (`a.b[0].c`). A value must be a
 * string, a number or a boolean: an object or list in a template is a mapping mistake.
 */
import { readPath } from '../../checks/http/json-path.ts';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export type Rendered =
  | { ok: true; value: string }
  | { ok: false; missing: string }
  | { ok: false; why: string };

/** @example renderTemplate('shard-{{shard}}', { shard: '017' }) // { ok: true, value: 'shard-017' } */
export function renderTemplate(template: string, context: unknown): Rendered {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const path = m[1] as string;
    let found: { exists: boolean; value?: unknown };
    try {
      found = readPath(context, path);
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
    if (!found.exists || found.value === null || found.value === undefined || found.value === '')
      return { ok: false, missing: path };
    const v = found.value;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      return { ok: false, why: `{{${path}}} is ${Array.isArray(v) ? 'a list' : 'an object'}, not a value` };
    out += template.slice(last, m.index) + String(v);
    last = (m.index as number) + m[0].length;
  }
  return { ok: true, value: out + template.slice(last) };
}

/** The paths a template reads, for validating a mapping before any request. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/**
 * A name or group the inventory accepts (`^[A-Za-z0-9][A-Za-z0-9._-]*$`, 128 characters):
 * other characters become `-` (`auth@file` → `auth-file`, `Acme Corp` → `Acme-Corp`).
 * Entries whose names collide after this are reported as duplicates, never merged.
 */
export function inventoryName(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 128);
}
