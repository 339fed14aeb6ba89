/**
 * Reading Markdown the way a reader sees it: marked's lexer gives headings, tables and links;
 * these helpers turn tokens into plain text (so `**12** containers` reads as `12 containers`),
 * find a heading's section and pick a table cell.
 */
import { lexer, type Token, type Tokens, walkTokens } from 'marked';

export interface Heading {
  depth: number;
  text: string;
  /** GitHub-style anchor (`## Restore steps` → `restore-steps`), de-duplicated with -1, -2… */
  slug: string;
  /** Index of the heading in the document's top-level tokens. */
  index: number;
}

export interface MarkdownDoc {
  tokens: Token[];
  headings: Heading[];
}

/** @example parseMarkdown('# Title\n\ntext').headings[0].slug // 'title' */
export function parseMarkdown(source: string): MarkdownDoc {
  const tokens = lexer(source) as Token[];
  const seen = new Map<string, number>();
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading') return;
    const heading = token as Tokens.Heading;
    const text = inlineText(heading.tokens).trim();
    const base = slugify(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    headings.push({ depth: heading.depth, text, slug: count ? `${base}-${count}` : base, index });
  });
  return { tokens, headings };
}

/** GitHub's anchor rule: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Text of inline tokens without Markdown syntax. */
export function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      const nested = (t as { tokens?: Token[] }).tokens;
      if (nested?.length) return inlineText(nested);
      if (t.type === 'br') return '\n';
      return 'text' in t && typeof t.text === 'string' ? t.text : '';
    })
    .join('');
}

/** Plain text of block tokens, one line per paragraph, list item and table row. */
export function plainText(tokens: Token[]): string {
  const lines: string[] = [];
  for (const t of tokens) {
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const row of [table.header, ...table.rows])
        lines.push(row.map((c) => inlineText(c.tokens)).join(' | '));
    } else if (t.type === 'list') {
      for (const item of (t as Tokens.List).items) lines.push(plainText(item.tokens));
    } else if (t.type === 'blockquote') {
      lines.push(plainText((t as Tokens.Blockquote).tokens));
    } else if (t.type === 'heading' || t.type === 'paragraph' || t.type === 'text') {
      lines.push(inlineText((t as Tokens.Paragraph).tokens ?? []) || (t as Tokens.Text).text);
    } else if (t.type === 'code') {
      lines.push((t as Tokens.Code).text);
    }
  }
  return lines.join('\n');
}

/** Finds a heading by its text (case and surrounding space ignored). */
export function findHeading(doc: MarkdownDoc, text: string): Heading | undefined {
  const wanted = normalise(text);
  return doc.headings.find((h) => normalise(h.text) === wanted);
}

/** The tokens under a heading, up to the next heading of the same or a higher level. */
export function sectionTokens(doc: MarkdownDoc, heading: Heading): Token[] {
  const next = doc.headings.find((h) => h.index > heading.index && h.depth <= heading.depth);
  return doc.tokens.slice(heading.index + 1, next ? next.index : undefined);
}

export interface CellSelector {
  /** Header text, or 1-based column number. */
  column: string | number;
  /** Text of the row's first cell, or 1-based data row number. */
  row: string | number;
}

/** The text of one cell of the first table in `tokens`, or why it is not there. */
export function tableCell(tokens: Token[], cell: CellSelector): { text: string } | { missing: string } {
  const table = tokens.find((t) => t.type === 'table') as Tokens.Table | undefined;
  if (!table) return { missing: 'no table' };
  const headers = table.header.map((c) => normalise(inlineText(c.tokens)));
  const col = typeof cell.column === 'number' ? cell.column - 1 : headers.indexOf(normalise(cell.column));
  if (col < 0 || col >= headers.length) return { missing: `no column ${JSON.stringify(cell.column)}` };
  const row =
    typeof cell.row === 'number'
      ? table.rows[cell.row - 1]
      : table.rows.find((r) => normalise(inlineText(r[0]?.tokens)) === normalise(cell.row as string));
  if (!row) return { missing: `no row ${JSON.stringify(cell.row)}` };
  return { text: inlineText(row[col]?.tokens).trim() };
}

/** Every link and image target in the document, tables and lists included. */
export function linkTargets(doc: MarkdownDoc): string[] {
  const hrefs: string[] = [];
  walkTokens(doc.tokens, (t) => {
    if (t.type === 'link' || t.type === 'image') hrefs.push((t as Tokens.Link).href);
  });
  return hrefs;
}

/** Anchors a link may point at: heading slugs plus explicit `id=`/`name=` in inline HTML. */
export function anchors(doc: MarkdownDoc): Set<string> {
  const set = new Set(doc.headings.map((h) => h.slug));
  walkTokens(doc.tokens, (t) => {
    if (t.type !== 'html') return;
    for (const m of (t as Tokens.HTML).raw.matchAll(/\b(?:id|name)=["']([^"']+)["']/g)) set.add(m[1]);
  });
  return set;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
