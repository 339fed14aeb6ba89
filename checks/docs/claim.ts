/**
 * A number a document claims ("We run 12 containers on web1", a table cell, "current grade: A")
 * compared with the same figure measured by another probe in this run. Documents drift; this
 * finds the drift.
 */
import { readFile } from 'node:fs/promises';
import { type Evidence, fail, fromError, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import {
  type CellSelector,
  findHeading,
  parseMarkdown,
  plainText,
  sectionTokens,
  tableCell,
} from './markdown.ts';

/** Another probe's measurement (`value`: 'count' or a JSON pointer into its evidence.observed), or the last run's grade. */
export type FactRef =
  | { check: string; target: string; params?: Record<string, unknown>; value?: string }
  | { history: 'score' | 'letter' };

export interface ClaimParams {
  /** Case-insensitive regular expression; capture group 1 is the claimed value. Within `heading`'s section when given. */
  pattern?: string;
  heading?: string;
  /** A cell of the first table under `heading`. */
  cell?: CellSelector;
  fact: FactRef;
  /** Allowed numeric difference (default 0). */
  tolerance?: number;
}

export type Measured = { value: number | string; source: string } | { error: string; source: string };

/** Reads the claimed text out of a Markdown document, or says why it is not there. */
export function readClaim(markdown: string, p: ClaimParams): { text: string } | { missing: string } {
  const doc = parseMarkdown(markdown);
  let tokens = doc.tokens;
  if (p.heading) {
    const heading = findHeading(doc, p.heading);
    if (!heading) return { missing: `no heading "${p.heading}"` };
    tokens = sectionTokens(doc, heading);
  }
  if (p.cell) return tableCell(tokens, p.cell);
  if (!p.pattern) return { missing: 'neither pattern nor cell given' };
  const m = new RegExp(p.pattern, 'i').exec(plainText(tokens));
  if (!m) return { missing: `no text matches /${p.pattern}/i` };
  if (m[1] === undefined) return { missing: `/${p.pattern}/ has no capture group 1` };
  return { text: m[1].trim() };
}

/** The value of a measured fact: a count (number, array length, `count` field) or the value at a JSON pointer. */
export function factValue(observed: Json | undefined, value = 'count'): number | string | undefined {
  if (value === 'count') {
    if (typeof observed === 'number') return observed;
    if (Array.isArray(observed)) return observed.length;
    const count =
      observed && typeof observed === 'object' ? (observed as Record<string, Json>).count : undefined;
    return typeof count === 'number' ? count : undefined;
  }
  let current: Json | undefined = observed;
  for (const raw of value.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    current = current && typeof current === 'object' ? (current as Record<string, Json>)[key] : undefined;
  }
  if (typeof current === 'number' || typeof current === 'string') return current;
  return Array.isArray(current) ? current.length : undefined;
}

/** Numbers compare within the tolerance (the claim's first number: "12 containers" → 12); text compares case-insensitively. */
export function claimHolds(claimed: string, measured: number | string, tolerance = 0): boolean {
  if (typeof measured === 'number') {
    const n = /-?\d[\d,]*(?:\.\d+)?/.exec(claimed)?.[0];
    return n !== undefined && Math.abs(Number(n.replaceAll(',', '')) - measured) <= tolerance;
  }
  return claimed.trim().toLowerCase() === measured.trim().toLowerCase();
}

/**
 * The document's claim equals the measured fact.
 * @example await documentClaim('docs/OPS.md', { pattern: 'runs (\\d+) containers', fact }, () => measure(fact))
 */
export async function documentClaim(
  file: string,
  p: ClaimParams,
  measure: () => Promise<Measured>,
): Promise<ProbeResult> {
  let claim: ReturnType<typeof readClaim>;
  try {
    claim = readClaim(await readFile(file, 'utf8'), p);
  } catch (err) {
    return fromError(err, { source: file });
  }
  if ('missing' in claim)
    return fail(`${file}: claim not found (${claim.missing})`, { source: file, observed: null });
  const measured = await measure();
  const evidence: Evidence = {
    observed: claim.text,
    expected: 'value' in measured ? measured.value : null,
    source: file,
    fact: measured.source,
    tolerance: p.tolerance ?? 0,
  };
  if ('error' in measured)
    return inconclusive(`cannot measure the fact to compare with: ${measured.error}`, evidence);
  if (claimHolds(claim.text, measured.value, p.tolerance)) {
    return pass(`${file} claims ${claim.text}; measured ${measured.value} (${measured.source})`, evidence);
  }
  return fail(`${file} claims ${claim.text}, but ${measured.source} measures ${measured.value}`, evidence);
}
