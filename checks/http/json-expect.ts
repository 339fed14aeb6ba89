/**
 * Expectations on fields of a JSON document, as a provider snapshot API returns it:
 * `snapshots[0].created_at` within 26 hours, `snapshots` at least 7, `status` equals "completed".
 */
import { isDeepStrictEqual } from 'node:util';
import { compilePattern } from '../pattern.ts';
import type { Json } from '../probe.ts';
import { readPath } from './json-path.ts';

export interface JsonExpect {
  /** `a.b[0].c` */
  path: string;
  exists?: boolean;
  equals?: Json;
  /** Regular expression the value (or its JSON text) must match. */
  matches?: string;
  /** The value is a date (ISO text, or epoch seconds/milliseconds) at most this many hours old. */
  maxAgeHours?: number;
  /** Bounds on a number, or on an array's length. */
  min?: number;
  max?: number;
}

export interface JsonVerdict {
  path: string;
  ok: boolean;
  why: string;
  observed: Json;
}

/** Epoch seconds below this are seconds, above it milliseconds (year 2286 in seconds). */
const EPOCH_MS_THRESHOLD = 1e10;

function asTime(value: unknown): number | undefined {
  if (typeof value === 'number') return value < EPOCH_MS_THRESHOLD ? value * 1000 : value;
  // ISO 8601 only: V8's lenient parser reads text like "snap-3" as a date.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** Evidence stays small: a whole snapshot list becomes its length. */
function small(value: unknown): Json {
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (value !== null && typeof value === 'object') return '{…}';
  return value as Json;
}

/**
 * Judges one expectation against a parsed document; a malformed path throws (a policy mistake).
 * @example judgeJson(doc, { path: 'snapshots[0].created_at', maxAgeHours: 26 }, new Date())
 */
export function judgeJson(doc: unknown, e: JsonExpect, now: Date): JsonVerdict {
  const { exists, value } = readPath(doc, e.path);
  const at = e.path;
  const observed = exists ? small(value) : null;
  const verdict = (ok: boolean, why: string): JsonVerdict => ({ path: at, ok, why, observed });
  if (e.exists === false) return verdict(!exists, exists ? `${at} exists` : `${at} is absent`);
  if (!exists) return verdict(false, `${at} is missing`);
  const shown = JSON.stringify(value);
  if (e.equals !== undefined && !isDeepStrictEqual(value, e.equals)) {
    return verdict(false, `${at} is ${shown}, expected ${JSON.stringify(e.equals)}`);
  }
  if (e.matches !== undefined && !compilePattern(e.matches).test(typeof value === 'string' ? value : shown)) {
    return verdict(false, `${at} is ${shown}, which does not match /${e.matches}/`);
  }
  if (e.maxAgeHours !== undefined) {
    const time = asTime(value);
    if (time === undefined) return verdict(false, `${at} is ${shown}, not a date`);
    const ageHours = Math.round(((now.getTime() - time) / 3_600_000) * 10) / 10;
    if (ageHours > e.maxAgeHours)
      return verdict(false, `${at} is ${shown}, ${ageHours} h old (max ${e.maxAgeHours} h)`);
  }
  if (e.min !== undefined || e.max !== undefined) {
    const n = Array.isArray(value) ? value.length : typeof value === 'number' ? value : undefined;
    const what = Array.isArray(value) ? `${at} has ${n} item(s)` : `${at} is ${shown}`;
    if (n === undefined) return verdict(false, `${at} is ${shown}, not a number or array`);
    if (e.min !== undefined && n < e.min) return verdict(false, `${what}, want at least ${e.min}`);
    if (e.max !== undefined && n > e.max) return verdict(false, `${what}, want at most ${e.max}`);
  }
  return verdict(true, `${at} is ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`);
}
