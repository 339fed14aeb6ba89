/**
 * Category bars: one row per category, the track's length is the category's weight in the
 * rubric, the filled part its score, a tick its minimum. Below its minimum a bar is red and
 * hatched and says so in words. One row per category, never per result. Pure.
 */
import { clip, esc, frame, n, OUTCOME_STYLE, patternDefs, textWidth } from './svg-kit.ts';

export interface CategoryBar {
  label: string;
  weight: number;
  /** null: nothing weighted was evaluated. */
  score: number | null;
  minimum?: number;
}

/** Geometry, exported for tests: where a bar starts and how long the heaviest category's track is. */
export const BARS = { width: 560, labelWidth: 150, track: 300, row: 26, bar: 14, top: 6 } as const;

const ID = 'cb';

export interface BarLayout {
  track: number;
  fill: number;
  /** x of the minimum tick relative to the track's start, if the category has one. */
  tick?: number;
  below: boolean;
}

/** Lengths of one category's bar: track by weight (heaviest = full), fill and tick by score. */
export function barLayout(c: CategoryBar, maxWeight: number): BarLayout {
  const track = maxWeight > 0 ? Math.max(12, (BARS.track * Math.max(0, c.weight)) / maxWeight) : BARS.track;
  const pct = (v: number) => (track * Math.min(100, Math.max(0, v))) / 100;
  const below = c.score !== null && c.minimum !== undefined && c.score < c.minimum;
  return {
    track,
    fill: c.score === null ? 0 : pct(c.score),
    tick: c.minimum === undefined ? undefined : pct(c.minimum),
    below,
  };
}

function verdict(c: CategoryBar): string {
  if (c.score === null) return 'not scored';
  const score = c.score.toFixed(1);
  if (c.minimum === undefined) return score;
  return c.score < c.minimum ? `${score} ✗ below min ${c.minimum}` : `${score} ✓ min ${c.minimum}`;
}

/** The picture, or '' when there is no category to draw. */
export function categoryBarsSvg(categories: readonly CategoryBar[]): string {
  if (categories.length === 0) return '';
  const maxWeight = Math.max(0, ...categories.map((c) => c.weight));
  const rows = categories.map((c, i) => {
    const y = BARS.top + i * BARS.row;
    const mid = y + BARS.row / 2;
    const l = barLayout(c, maxWeight);
    const x0 = BARS.labelWidth;
    const barY = mid - BARS.bar / 2;
    const fillColour = l.below ? OUTCOME_STYLE.fail.colour : '#2f6f9f';
    const parts = [
      `<text x="0" y="${n(mid + 4)}" class="lbl">${esc(clip(c.label, 20))}</text>`,
      `<text x="${n(x0 - 8)}" y="${n(mid + 4)}" text-anchor="end" class="dim">w ${n(c.weight)}</text>`,
      `<rect x="${x0}" y="${n(barY)}" width="${n(l.track)}" height="${BARS.bar}" fill="#eef1f4" stroke="#8c959f" stroke-width=".8"${c.score === null ? ' stroke-dasharray="3 2"' : ''}/>`,
    ];
    if (l.fill > 0) {
      parts.push(
        `<rect x="${x0}" y="${n(barY)}" width="${n(l.fill)}" height="${BARS.bar}" fill="${fillColour}"/>`,
      );
      if (l.below)
        parts.push(
          `<rect x="${x0}" y="${n(barY)}" width="${n(l.fill)}" height="${BARS.bar}" fill="url(#${ID}-hatch)"/>`,
        );
    }
    if (l.tick !== undefined)
      parts.push(
        `<line x1="${n(x0 + l.tick)}" y1="${n(barY - 4)}" x2="${n(x0 + l.tick)}" y2="${n(barY + BARS.bar + 4)}" stroke="#1b1f24" stroke-width="2"/>`,
      );
    const label = verdict(c);
    parts.push(
      `<text x="${n(x0 + l.track + 8)}" y="${n(mid + 4)}" class="${l.below ? 'bad' : 'val'}">${esc(label)}</text>`,
    );
    return `<g class="cat" data-category="${esc(c.label)}">${parts.join('')}</g>`;
  });
  const legendY = BARS.top + categories.length * BARS.row + 14;
  const legend = `<text x="0" y="${legendY}" class="dim">Bar length: category weight · fill: score out of 100 · black tick: minimum</text>`;
  const widest = Math.max(
    ...categories.map((c) => barLayout(c, maxWeight).track + textWidth(verdict(c), 12)),
  );
  const width = Math.max(BARS.width, BARS.labelWidth + widest + 16);
  return frame(
    width,
    legendY + 8,
    `Category scores against their minimum: ${categories.map((c) => `${c.label} ${verdict(c)}`).join('; ')}`,
    `${patternDefs(ID)}${rows.join('')}${legend}`,
    'bars',
  );
}
