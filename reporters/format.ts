/** Markdown building blocks shared by the documents. Pure; nothing here reads or writes files. */
import type { Json } from '../checks/probe.ts';
import type { RowOutcome } from './meta.ts';

/**
 * Data longer than this is cut before it is escaped: the engine bounds results already
 * (specs/support/bounded-result.ts), this keeps any other caller's text from reaching marked
 * at any size. Escaped text keeps marked linear; raw `*a *a …` is quadratic in its lexer.
 */
export const MAX_CELL_CHARS = 8192;

const bounded = (value: string) =>
  value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value;

/** Plain text safe inside a Markdown table cell: no emphasis, links, tags or cell breaks from data. */
export function text(raw: string): string {
  const value = bounded(raw);
  if (!/[\\`*_[\]|#<\r\n]/.test(value)) return value;
  return value.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]|#<]/g, (c) => `\\${c}`);
}

/** A code span for arbitrary text: fence longer than any backtick run inside, pipes escaped for tables. */
export function code(raw: string): string {
  const value = bounded(raw);
  const runs = value.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const body = value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Evidence as one compact JSON line, cut at `max` characters. */
export function compactEvidence(evidence: Json | undefined, max = 200): string {
  if (evidence === undefined || evidence === null) return '';
  const json = JSON.stringify(evidence);
  if (json === '{}') return '';
  return json.length > max ? `${json.slice(0, max - 1)}…` : json;
}

export function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function list(items: string[], empty: string): string {
  return items.length ? items.map((i) => `- ${i}`).join('\n') : `_${empty}_`;
}

export function fmtScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

const MARK: Record<RowOutcome, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  waived: 'WAIVED',
  'not-applicable': 'N/A',
};

export function outcomeLabel(outcome: RowOutcome): string {
  return MARK[outcome];
}

/** Blocks joined by one blank line, empty blocks dropped; the document ends with one newline. */
export function doc(blocks: (string | false | undefined)[]): string {
  return `${blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join('\n\n')}\n`;
}
