/**
 * A number a document claims ("We run 12 containers on web1", a table cell, "current grade: A")
 * compared with the same figure measured by another probe in this run. Documents drift; this
 * finds the drift.
 */

import { compilePattern } from '../pattern.ts';
import {
  describeError,
  type Evidence,
  fail,
  inconclusive,
  notApplicable,
  type ProbeResult,
  pass,
  perSubject,
  subject,
} from '../probe.ts';
import type { FactRef, Measured } from './facts.ts';
import { documentProblem, readDocument } from './files.ts';
import {
  type CellSelector,
  findHeading,
  type MarkdownDoc,
  parseMarkdown,
  plainText,
  sectionTokens,
  tableCell,
} from './markdown.ts';

export interface ClaimParams {
  /**
   * Case-insensitive regular expression; capture group 1 is the claimed value. Within
   * `heading`'s section when given. For an `each` fact, `{target}` stands for each target's name.
   */
  pattern?: string;
  heading?: string;
  /** A cell of the first table under `heading`; for an `each` fact the row is the target's name. */
  cell?: Partial<CellSelector> & Pick<CellSelector, 'column'>;
  fact: FactRef;
  /** Allowed numeric difference (default 0). */
  tolerance?: number;
}

/** A regular expression matching `name` literally. */
function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads the claimed text out of a Markdown document, or says why it is not there. `target`
 * (an `each` fact) fills `{target}` in the pattern, or names the cell's row.
 */
export function readClaim(
  markdown: string | MarkdownDoc,
  p: ClaimParams,
  target?: string,
): { text: string } | { missing: string } {
  const doc = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  let tokens = doc.tokens;
  if (p.heading) {
    const heading = findHeading(doc, p.heading);
    if (!heading) return { missing: `no heading "${p.heading}"` };
    tokens = sectionTokens(doc, heading);
  }
  if (p.cell) {
    const row = target ?? p.cell.row;
    if (row === undefined) return { missing: 'the cell names no row' };
    return tableCell(tokens, { column: p.cell.column, row });
  }
  if (!p.pattern) return { missing: 'neither pattern nor cell given' };
  const source = target === undefined ? p.pattern : p.pattern.replaceAll('{target}', literal(target));
  const m = compilePattern(source, 'i').exec(plainText(tokens));
  if (!m) return { missing: `no text matches /${source}/i` };
  if (m[1] === undefined) return { missing: `/${source}/ has no capture group 1` };
  return { text: m[1].trim() };
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
  let doc: MarkdownDoc;
  try {
    doc = parseMarkdown(await readDocument(file));
  } catch (err) {
    return documentProblem(err, file, { source: file });
  }
  return judgeClaim(file, doc, p, undefined, measure);
}

/**
 * One verdict per target for an `each` fact: the document states each target's own figure
 * (a host table), compared with that target's measurement. A target the document gives no
 * figure for fails: the document does not say what it should.
 * @example await documentClaimEach('docs/HOSTS.md', p, ['atlas', 'boreas'], (t) => measureTarget(ctx, fact, t))
 */
export async function documentClaimEach(
  file: string,
  p: ClaimParams,
  targets: string[],
  measure: (target: string) => Promise<Measured>,
): Promise<ProbeResult> {
  let doc: MarkdownDoc;
  try {
    doc = parseMarkdown(await readDocument(file));
  } catch (err) {
    return documentProblem(err, file, { source: file });
  }
  if (!targets.length)
    return inconclusive(`${file}: the claim's fact selects no target`, { source: file, observed: null });
  const verdicts = await Promise.all(
    targets.map(async (t) => subject(t, await judgeClaim(file, doc, p, t, () => measure(t)))),
  );
  return perSubject(file, 'targets', verdicts, { source: file });
}

async function judgeClaim(
  file: string,
  doc: MarkdownDoc,
  p: ClaimParams,
  target: string | undefined,
  measure: () => Promise<Measured>,
): Promise<ProbeResult> {
  let claim: ReturnType<typeof readClaim>;
  try {
    claim = readClaim(doc, p, target);
  } catch (err) {
    // A pattern that is no regular expression (the loader rejects it; a direct call may not).
    return inconclusive(`${file}: cannot search for the claim: ${describeError(err)}`, { source: file });
  }
  // Measured first: a target the check does not apply to (a host without Docker) needs no
  // figure in the document. Otherwise a missing claim is a finding, whatever the measurement.
  const measured = await measure();
  if ('notApplicable' in measured) {
    const observed = 'text' in claim ? claim.text : null;
    return notApplicable(measured.notApplicable, { source: file, observed, fact: measured.source });
  }
  if ('missing' in claim)
    return fail(`${file}: claim not found (${claim.missing})`, { source: file, observed: null });
  const evidence: Evidence = {
    observed: claim.text,
    expected: 'value' in measured ? measured.value : null,
    source: file,
    fact: measured.source,
    tolerance: p.tolerance ?? 0,
    ...('parts' in measured && measured.parts ? { parts: measured.parts } : {}),
    ...('skipped' in measured && measured.skipped ? { skipped: measured.skipped } : {}),
  };
  if ('error' in measured)
    return inconclusive(`cannot measure the fact to compare with: ${measured.error}`, evidence);
  if (claimHolds(claim.text, measured.value, p.tolerance)) {
    return pass(`${file} claims ${claim.text}; measured ${measured.value} (${measured.source})`, evidence);
  }
  return fail(`${file} claims ${claim.text}, but ${measured.source} measures ${measured.value}`, evidence);
}
