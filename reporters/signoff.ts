/**
 * The sign-off block of USER_ACCEPTANCE.md. A person fills it in by hand; readyspec regenerates
 * the rest of the document and keeps a filled block exactly as written (line endings included).
 * Parsed with marked's lexer, so the acceptance check and the reporter read the same block.
 */
import { marked, type Token, type Tokens } from 'marked';

export const SIGNOFF_HEADING = 'Sign-off';
export const DECISIONS = ['accepted', 'conditional', 'rejected'] as const;
export type SignoffDecision = (typeof DECISIONS)[number];

export interface Signoff {
  name: string;
  role: string;
  date: string;
  /** As written (lower-cased); check `valid` before trusting it. */
  decision: string;
  conditions: string;
  /** The run the signer approved (its generatedAt), prefilled by readyspec. */
  approvedRun: string;
  /** Digest of the phase's results in that run (see phase-digest.ts), prefilled by readyspec. */
  evidenceDigest: string;
  /** A person filled in at least one of name, date, decision (the prefilled fields do not count). */
  filled: boolean;
  /**
   * The section holds text a person wrote: anything but the heading, readyspec's instructions
   * and the template's list with empty (or prefilled) fields. Written but not filled is a
   * sign-off that cannot be read (plain lines, another layout): kept verbatim, never signed.
   */
  written: boolean;
  /** decision is one of accepted | conditional | rejected. */
  valid: boolean;
  /** The section's Markdown exactly as it appears in the document, CRLF kept. */
  raw: string;
}

/** What the generated block is prefilled with: the run this document shows. */
export interface ApprovedEvidence {
  run: string;
  digest: string;
}

const LABELS = {
  name: 'Name',
  role: 'Role',
  date: 'Date',
  decision: 'Decision',
  conditions: 'Conditions',
  approvedRun: 'Approved run',
  evidenceDigest: 'Evidence digest',
} as const;
type Field = keyof typeof LABELS;
const FIELD_OF = new Map<string, Field>(
  Object.entries(LABELS).map(([field, label]) => [label.toLowerCase(), field as Field]),
);
const ITEM =
  /^\s*(?:\*\*|__)?\s*(name|role|date|decision|conditions|approved\s+run|evidence\s+digest)\s*:?\s*(?:\*\*|__)?\s*:?\s*([\s\S]*)$/i;

/** The block's instructions, then those of earlier readyspec versions (not a person's words). */
const INSTRUCTIONS = [
  'Fill in Name, Role, Date (YYYY-MM-DD), Decision (accepted, conditional or rejected) and, for a conditional acceptance, its Conditions. Keep Approved run and Evidence digest as they are: they name the evidence this document shows, so later runs can tell whether it changed. readyspec regenerates the rest of this document and keeps a filled sign-off as written.',
  'Fill in the fields below. Decision is one of: accepted, conditional, rejected; list the conditions of a conditional acceptance. readyspec regenerates the rest of this document and keeps a filled sign-off as written.',
];

/** The label a document shows for a field, for messages that name it. */
export function fieldLabel(field: Field): string {
  return LABELS[field];
}

/**
 * The empty block a new document gets, with the run it shows written in for the signer to keep.
 * @example renderSignoff({ run: '2025-01-31T10:00:00.000Z', digest: 'sha256:0123456789abcdef' })
 */
export function renderSignoff(approved?: ApprovedEvidence): string {
  const value = (f: Field) =>
    f === 'approvedRun' ? approved?.run : f === 'evidenceDigest' ? approved?.digest : undefined;
  return [
    `## ${SIGNOFF_HEADING}`,
    INSTRUCTIONS[0],
    (Object.keys(LABELS) as Field[])
      .map((f) => (value(f) ? `- **${LABELS[f]}:** ${value(f)}` : `- **${LABELS[f]}:**`))
      .join('\n'),
  ].join('\n\n');
}

function isSignoffHeading(t: Token): t is Tokens.Heading {
  return (
    t.type === 'heading' &&
    (t as Tokens.Heading).depth === 2 &&
    // "## sign-off", "## Sign off", "## Signoff": a person's retyped heading still names the block.
    /^sign[- ]?off$/i.test((t as Tokens.Heading).text.trim())
  );
}

/** Offset in `original` of offset `at` in marked's copy, which turned every CRLF into LF. */
function originalOffset(original: string, at: number): number {
  let seen = 0;
  for (let i = 0; i < original.length; i++) {
    if (seen === at) return i;
    if (original[i] === '\r' && original[i + 1] === '\n') i++;
    seen++;
  }
  return original.length;
}

/** The sign-off section's tokens and its verbatim text, from its heading to the next heading of depth ≤ 2. */
function section(markdown: string): { tokens: Token[]; raw: string } | undefined {
  const tokens = marked.lexer(markdown);
  const start = tokens.findIndex(isSignoffHeading);
  if (start === -1) return undefined;
  const rest = tokens.slice(start + 1);
  const end = rest.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).depth <= 2);
  const own = tokens.slice(start, end === -1 ? undefined : start + 1 + end);
  const normalized = markdown.replace(/\r\n|\r/g, '\n');
  const text = own.map((t) => t.raw).join('');
  // Top-level raws add up to the source, except for link definitions marked drops: then search.
  let from = tokens.slice(0, start).reduce((n, t) => n + t.raw.length, 0);
  if (!normalized.startsWith(text, from)) from = normalized.indexOf(text);
  if (from === -1) return { tokens: own, raw: text };
  const a = originalOffset(markdown, from);
  return { tokens: own, raw: markdown.slice(a, originalOffset(markdown, from + text.length)) };
}

/** A field's value is at most this long in evidence and messages; the block itself is kept whole. */
export const MAX_FIELD_CHARS = 500;

function clean(value: string): string {
  // Template hints like "_accepted | conditional | rejected_" or "…" do not count as filled in.
  const v = value.replace(/\s+/g, ' ').trim();
  const c = /^[_*\s.…\-–—]*$/.test(v) ? '' : v.replace(/^[_*]+|[_*]+$/g, '').trim();
  return c.length > MAX_FIELD_CHARS ? `${c.slice(0, MAX_FIELD_CHARS - 1)}…` : c;
}

function fieldOf(item: string): { field: Field; value: string } | undefined {
  const m = ITEM.exec(item);
  const field = m && FIELD_OF.get((m[1] ?? '').toLowerCase().replace(/\s+/g, ' '));
  return m && field ? { field, value: clean(m[2] ?? '') } : undefined;
}

/** Whether a token of the section (after its heading) is anything but the generated template. */
function personWrote(token: Token): boolean {
  if (token.type === 'space') return false;
  if (token.type === 'paragraph')
    return !INSTRUCTIONS.includes((token as Tokens.Paragraph).text.replace(/\s+/g, ' ').trim());
  if (token.type !== 'list') return true;
  return (token as Tokens.List).items.some((item) => {
    const read = fieldOf(item.text);
    // Approved run and Evidence digest are readyspec's own prefill, not a person's words.
    return !read || (read.value !== '' && read.field !== 'approvedRun' && read.field !== 'evidenceDigest');
  });
}

/** Reads the sign-off of a USER_ACCEPTANCE.md; undefined when the document has no sign-off section. */
export function parseSignoff(markdown: string): Signoff | undefined {
  const found = section(markdown);
  if (!found) return undefined;
  const values: Partial<Record<Field, string>> = {};
  for (const token of found.tokens) {
    if (token.type !== 'list') continue;
    for (const item of (token as Tokens.List).items) {
      const read = fieldOf(item.text);
      if (read) values[read.field] = read.value;
    }
  }
  const decision = (values.decision ?? '').toLowerCase();
  const s = {
    name: values.name ?? '',
    role: values.role ?? '',
    date: values.date ?? '',
    decision,
    conditions: values.conditions ?? '',
    approvedRun: values.approvedRun ?? '',
    evidenceDigest: values.evidenceDigest ?? '',
  };
  return {
    ...s,
    filled: Boolean(s.name || s.date || s.decision),
    written: found.tokens.slice(1).some(personWrote),
    valid: (DECISIONS as readonly string[]).includes(decision),
    raw: found.raw,
  };
}

/** Two blocks are the same sign-off when they differ only in line endings and trailing space. */
export function sameBlock(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n|\r/g, '\n').trimEnd();
  return norm(a) === norm(b);
}
