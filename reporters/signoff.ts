/**
 * The sign-off block of USER_ACCEPTANCE.md. A person fills it in by hand; readyspec regenerates
 * the rest of the document and keeps a filled block exactly as written. Parsed with marked's
 * lexer, so acceptance probes read sign-offs the same way.
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
  /** A person filled in at least one of name, date, decision. */
  filled: boolean;
  /** decision is one of accepted | conditional | rejected. */
  valid: boolean;
  /** The section's Markdown exactly as it appears in the document. */
  raw: string;
}

const FIELDS = ['Name', 'Role', 'Date', 'Decision', 'Conditions'] as const;

/** The empty block a new document gets. */
export function renderSignoff(): string {
  return [
    `## ${SIGNOFF_HEADING}`,
    'Fill in the fields below. Decision is one of: accepted, conditional, rejected; list the conditions of a conditional acceptance. readyspec regenerates the rest of this document and keeps a filled sign-off as written.',
    FIELDS.map((f) => `- **${f}:**`).join('\n'),
  ].join('\n\n');
}

function isSignoffHeading(t: Token): t is Tokens.Heading {
  return (
    t.type === 'heading' &&
    (t as Tokens.Heading).depth === 2 &&
    (t as Tokens.Heading).text.trim() === SIGNOFF_HEADING
  );
}

/** The sign-off section's tokens: from its heading to the next heading of depth ≤ 2. */
function sectionTokens(markdown: string): Token[] | undefined {
  const tokens = marked.lexer(markdown);
  const start = tokens.findIndex(isSignoffHeading);
  if (start === -1) return undefined;
  const rest = tokens.slice(start + 1);
  const end = rest.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).depth <= 2);
  return tokens.slice(start, end === -1 ? undefined : start + 1 + end);
}

function clean(value: string): string {
  // Template hints like "_accepted | conditional | rejected_" or "…" do not count as filled in.
  const v = value.replace(/\s+/g, ' ').trim();
  return /^[_*\s.…-]*$/.test(v) ? '' : v.replace(/^[_*]+|[_*]+$/g, '').trim();
}

/** Reads the sign-off of a USER_ACCEPTANCE.md; undefined when the document has no sign-off section. */
export function parseSignoff(markdown: string): Signoff | undefined {
  const section = sectionTokens(markdown);
  if (!section) return undefined;
  const values: Record<string, string> = {};
  for (const token of section) {
    if (token.type !== 'list') continue;
    for (const item of (token as Tokens.List).items) {
      const m =
        /^\s*(?:\*\*|__)?\s*(name|role|date|decision|conditions)\s*:?\s*(?:\*\*|__)?\s*:?\s*([\s\S]*)$/i.exec(
          item.text,
        );
      if (m) values[m[1].toLowerCase()] = clean(m[2]);
    }
  }
  const decision = (values.decision ?? '').toLowerCase();
  const s = {
    name: values.name ?? '',
    role: values.role ?? '',
    date: values.date ?? '',
    decision,
    conditions: values.conditions ?? '',
  };
  return {
    ...s,
    filled: Boolean(s.name || s.date || s.decision),
    valid: (DECISIONS as readonly string[]).includes(decision),
    raw: section.map((t) => t.raw).join(''),
  };
}

/**
 * The regenerated document with the previous document's sign-off kept verbatim when a person
 * filled it in; otherwise the regenerated document as is.
 */
export function keepSignoff(regenerated: string, previous: string | undefined): string {
  if (previous === undefined) return regenerated;
  const kept = parseSignoff(previous);
  if (!kept?.filled) return regenerated;
  const fresh = parseSignoff(regenerated);
  if (!fresh) return `${regenerated.trimEnd()}\n\n${kept.raw}`;
  const at = regenerated.indexOf(fresh.raw);
  return regenerated.slice(0, at) + kept.raw + regenerated.slice(at + fresh.raw.length);
}
