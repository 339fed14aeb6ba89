/**
 * Evidence as `key: value` lines, the way an auditor reads it: nested objects flattened to
 * dotted keys (`observed.p95: 812`), lists and deeper values as compact JSON, each line cut
 * on its own, so one long value never hides the keys after it. Bounded for hostile evidence.
 */
import type { Json } from '../checks/probe.ts';
import { code } from './format.ts';

/** Lines shown per result; the rest are counted ("… 4 more"). */
const MAX_LINES = 8;
/** Characters of one line's value. */
const MAX_VALUE = 120;
/** Levels of nested objects flattened into dotted keys; deeper ones are shown as JSON. */
const DEPTH = 2;

function leaf(value: Json): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `{ observed: { p95: 812 }, source: "https://x" }` → `["observed.p95: 812", "source: https://x"]`.
 * @example evidenceLines(row.evidence)
 */
export function evidenceLines(evidence: Json | undefined): string[] {
  if (evidence === undefined || evidence === null) return [];
  if (!isObject(evidence)) return [leaf(evidence)];
  const lines: string[] = [];
  let more = 0;
  const walk = (obj: { [key: string]: Json }, prefix: string, depth: number) => {
    for (const key of Object.keys(obj)) {
      const value = obj[key] as Json;
      const name = prefix ? `${prefix}.${key}` : key;
      if (isObject(value) && depth < DEPTH && Object.keys(value).length > 0) {
        walk(value, name, depth + 1);
        continue;
      }
      if (lines.length < MAX_LINES) lines.push(`${name}: ${leaf(value)}`);
      else more++;
    }
  };
  walk(evidence, '', 0);
  if (more > 0) lines.push(`… ${more} more (in results.json)`);
  return lines;
}

/** A table cell of evidence: one code span per line (the HTML shows each on its own line). */
export function evidenceCell(evidence: Json | undefined): string {
  return evidenceLines(evidence).map(code).join(' ');
}
