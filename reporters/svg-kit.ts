/**
 * What every inline SVG picture of a document shares: escaping, the outcome palette and the
 * fill patterns that keep outcomes apart when the page is printed in greyscale (a hatch is
 * still a hatch in grey), and the frame with a title a screen reader reads. Pure.
 */
import { escapeHtml } from './html-table.ts';
import type { RowOutcome } from './meta.ts';

export const esc = escapeHtml;

/** Outcomes in the order pictures stack them. */
export const OUTCOME_ORDER: readonly RowOutcome[] = ['pass', 'fail', 'error', 'waived', 'not-applicable'];

export interface OutcomeStyle {
  colour: string;
  symbol: string;
  word: string;
  /** Pattern id suffix drawn over the colour, so the outcome survives greyscale printing. */
  pattern?: 'hatch' | 'dots' | 'lines';
}

export const OUTCOME_STYLE: Record<RowOutcome, OutcomeStyle> = {
  pass: { colour: '#1a7f37', symbol: '✓', word: 'PASS' },
  fail: { colour: '#cf222e', symbol: '✗', word: 'FAIL', pattern: 'hatch' },
  error: { colour: '#bf8700', symbol: '?', word: 'ERROR', pattern: 'dots' },
  waived: { colour: '#8250df', symbol: '~', word: 'WAIVED', pattern: 'lines' },
  'not-applicable': { colour: '#d0d7de', symbol: '–', word: 'N/A' },
};

/** A number as SVG writes it: at most one decimal, no "-0". */
export function n(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The pattern defs of one picture; ids are prefixed so several pictures share a page. */
export function patternDefs(prefix: string): string {
  const white = 'stroke="#fff" stroke-opacity=".75"';
  return `<defs>
<pattern id="${prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" ${white} stroke-width="2"/></pattern>
<pattern id="${prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><circle cx="2.5" cy="2.5" r="1.1" fill="#fff" fill-opacity=".8"/></pattern>
<pattern id="${prefix}-lines" width="5" height="5" patternUnits="userSpaceOnUse"><line x1="0" y1="2.5" x2="5" y2="2.5" ${white} stroke-width="1.2"/></pattern>
</defs>`;
}

/** A rectangle in an outcome's colour, with its pattern over it. */
export function outcomeRect(
  prefix: string,
  outcome: RowOutcome,
  x: number,
  y: number,
  w: number,
  h: number,
): string {
  const s = OUTCOME_STYLE[outcome];
  const box = `x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"`;
  const over = s.pattern ? `<rect ${box} fill="url(#${prefix}-${s.pattern})"/>` : '';
  return `<rect ${box} fill="${s.colour}"/>${over}`;
}

/** The outer element: sized in CSS pixels, scalable, with a title and a label. */
export function frame(width: number, height: number, label: string, body: string, cls = ''): string {
  return `<svg class="pic${cls ? ` ${cls}` : ''}" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${body}</svg>`;
}

/** Text cut to `max` characters, so a hostile name cannot stretch a picture. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A rough text width (system sans-serif), for laying out labels without a browser. */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.58;
}
