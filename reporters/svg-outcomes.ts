/**
 * Outcome stacks: per category (or any group), one bar split by outcome in proportion to the
 * results, each part in its colour and pattern and, when wide enough, its count; a legend with
 * symbol and word. Drawn from counts, so 50,000 results are still five rectangles a row. Pure.
 */
import type { RowOutcome } from './meta.ts';
import { clip, esc, frame, n, OUTCOME_ORDER, OUTCOME_STYLE, outcomeRect, patternDefs } from './svg-kit.ts';

export interface OutcomeStack {
  label: string;
  counts: Record<RowOutcome, number>;
}

export const STACKS = { width: 560, labelWidth: 150, track: 300, row: 26, bar: 14, top: 6 } as const;

const ID = 'os';

export interface Segment {
  outcome: RowOutcome;
  count: number;
  x: number;
  width: number;
}

/** The parts of one stack, in outcome order, lengths in proportion to the counts. */
export function stackSegments(counts: Record<RowOutcome, number>, track: number = STACKS.track): Segment[] {
  const total = OUTCOME_ORDER.reduce((sum, o) => sum + Math.max(0, counts[o] ?? 0), 0);
  if (total === 0) return [];
  const segments: Segment[] = [];
  let x = 0;
  for (const outcome of OUTCOME_ORDER) {
    const count = Math.max(0, counts[outcome] ?? 0);
    if (count === 0) continue;
    const width = (track * count) / total;
    segments.push({ outcome, count, x, width });
    x += width;
  }
  return segments;
}

function summary(s: OutcomeStack): string {
  const parts = OUTCOME_ORDER.filter((o) => s.counts[o] > 0).map(
    (o) => `${s.counts[o].toLocaleString('en')} ${OUTCOME_STYLE[o].word}`,
  );
  return parts.length ? parts.join(', ') : 'no results';
}

/** The picture, or '' when there is nothing to draw. */
export function outcomeStacksSvg(stacks: readonly OutcomeStack[]): string {
  if (stacks.length === 0) return '';
  const rows = stacks.map((s, i) => {
    const y = STACKS.top + i * STACKS.row;
    const mid = y + STACKS.row / 2;
    const barY = mid - STACKS.bar / 2;
    const x0 = STACKS.labelWidth;
    const segments = stackSegments(s.counts);
    const total = segments.reduce((sum, g) => sum + g.count, 0);
    const parts = [`<text x="0" y="${n(mid + 4)}" class="lbl">${esc(clip(s.label, 20))}</text>`];
    if (segments.length === 0)
      parts.push(
        `<rect x="${x0}" y="${n(barY)}" width="${STACKS.track}" height="${STACKS.bar}" fill="none" stroke="#8c959f" stroke-dasharray="3 2"/>`,
      );
    for (const g of segments) {
      parts.push(outcomeRect(ID, g.outcome, x0 + g.x, barY, g.width, STACKS.bar));
      const label = g.count.toLocaleString('en');
      // A count is written inside its part only where it fits; the legend and caption have all.
      if (g.width >= label.length * 7 + 6)
        parts.push(
          `<text x="${n(x0 + g.x + g.width / 2)}" y="${n(mid + 4)}" text-anchor="middle" class="in${g.outcome === 'not-applicable' ? ' dark' : ''}">${label}</text>`,
        );
    }
    parts.push(
      `<text x="${x0 + STACKS.track + 8}" y="${n(mid + 4)}" class="dim">${total ? `${total.toLocaleString('en')} result${total === 1 ? '' : 's'}` : 'no results'}</text>`,
    );
    return `<g class="stack" data-group="${esc(s.label)}">${parts.join('')}</g>`;
  });
  const legendY = STACKS.top + stacks.length * STACKS.row + 8;
  let x = 0;
  const legend = OUTCOME_ORDER.map((o) => {
    const s = OUTCOME_STYLE[o];
    const item = `${outcomeRect(ID, o, x, legendY, 12, 12)}<text x="${x + 16}" y="${legendY + 10}" class="dim">${s.symbol} ${s.word}</text>`;
    x += 30 + s.word.length * 8;
    return item;
  }).join('');
  return frame(
    STACKS.width,
    legendY + 20,
    `Outcomes per group: ${stacks.map((s) => `${s.label}: ${summary(s)}`).join('; ')}`,
    `${patternDefs(ID)}${rows.join('')}${legend}`,
    'stacks',
  );
}
