/**
 * The grade over the recorded runs (history.jsonl, then this run): score 0–100 upwards, runs
 * in order left to right, the decision threshold dashed. A READY run is a filled dot, a NOT
 * READY one a hollow ring, a run without a grade (INCOMPLETE) a cross on the axis. Labels
 * carry a white halo, so a point's label stays legible where it crosses the dashed threshold. Pure.
 */
import type { HistoryEntry } from './history.ts';
import { clip, esc, frame, n } from './svg-kit.ts';

export interface TrendPoint {
  date: string;
  score: number | null;
  letter: string;
  ready: boolean;
  /** This run (drawn larger). */
  current?: boolean;
}

/** Runs drawn at most: a long history shows its latest runs. */
export const TREND_RUNS = 30;

export const TREND = { width: 560, height: 190, left: 60, right: 44, top: 22, bottom: 34 } as const;

/** The points of the trend: the latest recorded runs, then this run when it is recorded too. */
export function trendPoints(history: readonly HistoryEntry[], current?: TrendPoint): TrendPoint[] {
  const past: TrendPoint[] = history.map((h) => ({
    date: h.date,
    score: typeof h.score === 'number' && Number.isFinite(h.score) ? h.score : null,
    letter: String(h.letter ?? ''),
    ready: h.ready === true,
  }));
  const all = current ? [...past, { ...current, current: true }] : past;
  return all.slice(-TREND_RUNS);
}

/** Where each point is drawn (exported for tests). */
export function trendLayout(points: readonly TrendPoint[]): { x: number; y: number | null }[] {
  const plotW = TREND.width - TREND.left - TREND.right;
  const plotH = TREND.height - TREND.top - TREND.bottom;
  const step = points.length > 1 ? plotW / (points.length - 1) : 0;
  return points.map((p, i) => ({
    x: TREND.left + (points.length > 1 ? i * step : plotW / 2),
    y: p.score === null ? null : TREND.top + plotH * (1 - Math.min(100, Math.max(0, p.score)) / 100),
  }));
}

function describe(points: readonly TrendPoint[]): string {
  return points
    .map(
      (p) =>
        `${p.date} ${p.letter}${p.score === null ? '' : ` ${p.score.toFixed(1)}`}${p.current ? ' (this run)' : ''}`,
    )
    .join(', ');
}

/** The picture; '' without any point (no recorded run): there is no trend to draw. */
export function trendSvg(points: readonly TrendPoint[], threshold?: number): string {
  if (points.length === 0) return '';
  const at = trendLayout(points);
  const plotH = TREND.height - TREND.top - TREND.bottom;
  const yOf = (score: number) => TREND.top + plotH * (1 - score / 100);
  const axisY = TREND.top + plotH;
  const parts: string[] = [];
  for (const g of [0, 25, 50, 75, 100])
    parts.push(
      `<line x1="${TREND.left}" y1="${n(yOf(g))}" x2="${TREND.width - TREND.right}" y2="${n(yOf(g))}" stroke="#d8dee4" stroke-width=".8"/><text x="${TREND.left - 6}" y="${n(yOf(g) + 4)}" text-anchor="end" class="dim">${g}</text>`,
    );
  if (threshold !== undefined && threshold > 0 && threshold <= 100)
    parts.push(
      `<line x1="${TREND.left}" y1="${n(yOf(threshold))}" x2="${TREND.width - TREND.right}" y2="${n(yOf(threshold))}" stroke="#1a7f37" stroke-width="1.2" stroke-dasharray="5 3"/><text x="${TREND.width - TREND.right}" y="${n(yOf(threshold) - 4)}" text-anchor="end" class="halo dim">ready at ${n(threshold)}</text>`,
    );
  // A line joins consecutive graded runs; an ungraded run breaks it.
  let path = '';
  at.forEach((p, i) => {
    if (p.y === null) return;
    path += `${path && at[i - 1]?.y !== null && i > 0 ? 'L' : 'M'}${n(p.x)} ${n(p.y)} `;
  });
  if (points.length > 1 && path.includes('L'))
    parts.push(`<path d="${path.trim()}" fill="none" stroke="#2f6f9f" stroke-width="2"/>`);
  const labelEvery = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const { x, y } = at[i] as { x: number; y: number | null };
    const r = p.current ? 5.5 : 4;
    if (y === null) {
      parts.push(
        `<path d="M${n(x - 4)} ${n(axisY - 4)}L${n(x + 4)} ${n(axisY + 4)}M${n(x - 4)} ${n(axisY + 4)}L${n(x + 4)} ${n(axisY - 4)}" stroke="#bf8700" stroke-width="2" class="run incomplete"/>`,
      );
    } else {
      const fill = p.ready ? '#1a7f37' : '#fff';
      const stroke = p.ready ? '#1a7f37' : '#cf222e';
      parts.push(
        `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="2" class="run${p.current ? ' current' : ''}"/>`,
      );
    }
    const labelled = p.current || i === 0 || i % labelEvery === 0;
    if (!labelled) return;
    const value = p.score === null ? clip(p.letter, 10) : `${clip(p.letter, 10)} ${p.score.toFixed(1)}`;
    const ly = y === null ? axisY - 10 : Math.max(12, y - 9);
    parts.push(
      `<text x="${n(x)}" y="${n(ly)}" text-anchor="middle" class="halo ${p.current ? 'val' : 'dim'}">${esc(value)}</text>`,
    );
    parts.push(
      `<text x="${n(x)}" y="${TREND.height - 12}" text-anchor="middle" class="dim">${esc(clip(p.date, 10))}</text>`,
    );
  });
  const label =
    points.length === 1
      ? `Grade trend: one recorded run, ${describe(points)}`
      : `Grade trend over ${points.length} runs: ${describe(points)}`;
  return frame(TREND.width, TREND.height, label, parts.join(''), 'trend');
}
