/**
 * Parsed YAML kept by content hash, for large policy files: js-yaml takes ~70 ms for a 10,000
 * endpoint inventory (600 KB) and ~350 ms at 50,000, JSON.parse of the same data ~5 ms. The key
 * is the SHA-256 of the text, so an edited file is simply parsed again; data JSON cannot hold
 * exactly (NaN, ±Infinity, -0 from `.nan`, `.inf`, `-0.0`) is never cached. The cache is an
 * optimisation only: any failure to read or write it falls back to parsing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Smaller files parse in a few milliseconds: not worth a cache entry. */
export const MIN_CACHED_CHARS = 64 * 1024;
const MAX_ENTRIES = 32;

export const DEFAULT_YAML_CACHE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../node_modules/.cache/readyspec/yaml',
);

export function parseCached(
  text: string,
  parse: (text: string) => unknown,
  dir = DEFAULT_YAML_CACHE,
): unknown {
  if (text.length < MIN_CACHED_CHARS) return parse(text);
  const file = join(dir, `${createHash('sha256').update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): parse.
  }
  const data = parse(text);
  if (jsonExact(data)) store(dir, file, data);
  return data;
}

/** True when JSON.stringify then JSON.parse gives back an equal value. */
function jsonExact(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (value && typeof value === 'object') return Object.values(value).every(jsonExact);
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

function store(dir: string, file: string, data: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, file);
    prune(dir);
  } catch {
    // A read-only or full disk costs the next run a parse, nothing else.
  }
}

/** Keeps the most recently written entries only. */
function prune(dir: string): void {
  const entries = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries.map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of byAge.slice(MAX_ENTRIES)) rmSync(join(dir, f), { force: true });
}
