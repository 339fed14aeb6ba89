/**
 * A params JSON Schema in words: type, default, allowed values and an example per param.
 * Defaults come from `default`, else from the "(default X)" the catalog's descriptions state.
 */

export interface Schema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

/** Lines for one param, indented for `readyspec checks NAME`. */
export function describeParam(key: string, s: Schema, required: boolean): string[] {
  const facts = [typeOf(s), ...limits(s)];
  const def = defaultOf(s);
  if (def !== undefined) facts.push(`default ${show(def)}`);
  facts.push(required ? 'required' : 'optional');
  const lines = [`    ${key}: ${facts.join(', ')}`];
  if (s.description) lines.push(`        ${s.description}`);
  const allowed = allowedOf(s);
  if (allowed) lines.push(`        allowed: ${allowed}`);
  lines.push(`        example: ${show(exampleOf(key, s))}`);
  return lines;
}

/** An example params object: required params, and the first one of an anyOf choice. */
export function exampleParams(s: Schema): Record<string, unknown> {
  const keys = new Set(s.required ?? []);
  const choice = (s.anyOf ?? s.oneOf)?.find((b) => b.required?.length);
  for (const k of choice?.required ?? []) keys.add(k);
  if (keys.size === 0) {
    const first = Object.keys(s.properties ?? {})[0];
    if (first) keys.add(first);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const p = s.properties?.[k];
    if (p) out[k] = exampleOf(k, p);
  }
  return out;
}

export function defaultOf(s: Schema): unknown {
  if (s.default !== undefined) return s.default;
  const m = /\(default:? ([^)]+)\)|\bdefaults? (?:to |is )?(`[^`]+`|[\w.:/-]+)/i.exec(s.description ?? '');
  if (!m) return undefined;
  const text = (m[1] ?? m[2] ?? '').replace(/`/g, '').trim();
  if (/^(all|none|off|on|the |every|any)/i.test(text)) return text;
  const n = Number(text.split(/\s/)[0]);
  return Number.isFinite(n) && typeOf(s).match(/number|integer/) ? n : text;
}

function typeOf(s: Schema): string {
  if (s.const !== undefined) return `constant ${show(s.const)}`;
  if (s.enum) return 'one of the allowed values';
  const t = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  if (t === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (t) return t;
  const alts = s.oneOf ?? s.anyOf;
  return alts ? alts.map(typeOf).join(' or ') : 'any';
}

function limits(s: Schema): string[] {
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`< ${s.exclusiveMaximum}`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  return out;
}

function allowedOf(s: Schema): string | undefined {
  const target = s.type === 'array' && s.items ? s.items : s;
  if (target.enum) return target.enum.map(show).join(', ');
  if (target.pattern) return `matching /${target.pattern}/`;
  if (target.properties)
    return `an object with ${Object.keys(target.properties).join(', ')}${target.required?.length ? ` (required: ${target.required.join(', ')})` : ''}`;
  return undefined;
}

function exampleOf(key: string, s: Schema): unknown {
  if (s.examples?.length) return s.examples[0];
  const def = defaultOf(s);
  if (def !== undefined && typeof def !== 'string') return def;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case 'integer':
    case 'number': {
      if (/Ms$/.test(key)) return 500;
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return s.maximum !== undefined ? Math.min(low, s.maximum) : low;
    }
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(key, s.items ?? {})];
    case 'object':
      return exampleParams(s);
    default:
      return typeof def === 'string' ? def : exampleString(key, s);
  }
}

function exampleString(key: string, s: Schema): string {
  if (/url/i.test(key)) return 'https://example.com/';
  if (/path|file|dir/i.test(key)) return '/etc/example.conf';
  if (/port/i.test(key)) return '443';
  if (s.pattern === '^[0-7]{3,4}$') return '644';
  return key.replace(/s$/, '');
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}
