/**
 * "At a glance": the pictures under the banner (category bars, outcome stacks, grade trend,
 * phase chips) and, in the Markdown, the same facts as lines in the same order. Built once
 * from the run, the history and what the document covers; per category, never per row. Pure.
 */
import { text } from './format.ts';
import type { HistoryEntry } from './history.ts';
import type { RowOutcome } from './meta.ts';
import type { RunReport } from './model.ts';
import { type CategoryBar, categoryBarsSvg } from './svg-categories.ts';
import { OUTCOME_ORDER, OUTCOME_STYLE } from './svg-kit.ts';
import { type OutcomeStack, outcomeStacksSvg } from './svg-outcomes.ts';
import { chipWords, type PhaseChip, phaseChips, phaseChipsSvg } from './svg-phases.ts';
import { type TrendPoint, trendPoints, trendSvg } from './svg-trend.ts';

export interface Glance {
  bars: CategoryBar[];
  stacks: OutcomeStack[];
  /** What the stacks group by, in words. */
  stacksOf: string;
  /** undefined: this document shows no trend (a phase's acceptance). */
  trend?: TrendPoint[];
  threshold: number;
  chips: PhaseChip[];
}

/** What a document covers, for its pictures. */
export interface GlanceScope {
  /** Category ids the document covers; all when absent. */
  categories?: readonly string[];
  /** A phase's acceptance document: its own controls, its own sign-off chip. */
  phase?: { name: string; chip: PhaseChip };
  /** Whether this run is recorded in the history (a partial run is not). */
  recorded: boolean;
}

function emptyCounts(): Record<RowOutcome, number> {
  return { pass: 0, fail: 0, error: 0, waived: 0, 'not-applicable': 0 };
}

/** The pictures' data for one document. */
export function glanceOf(report: RunReport, history: readonly HistoryEntry[], scope: GlanceScope): Glance {
  const threshold = report.rubric.decision.minScore;
  const wanted = scope.categories ? new Set(scope.categories) : undefined;
  const cats = report.card.categories.filter(
    (c) => (!wanted || wanted.has(c.id)) && OUTCOME_ORDER.some((o) => c.counts[o] > 0),
  );
  if (scope.phase) {
    const byCategory = new Map<string, Record<RowOutcome, number>>();
    for (const row of report.rows) {
      if (row.phase !== scope.phase.name) continue;
      const counts = byCategory.get(row.category) ?? emptyCounts();
      counts[row.outcome]++;
      byCategory.set(row.category, counts);
    }
    const title = (id: string) => report.card.categories.find((c) => c.id === id)?.title ?? id;
    return {
      bars: [],
      stacks: [...byCategory].map(([id, counts]) => ({ label: title(id), counts })),
      stacksOf: "this phase's controls by category",
      threshold,
      chips: [scope.phase.chip],
    };
  }
  const current: TrendPoint | undefined = scope.recorded
    ? {
        date: report.date,
        score: report.card.grade.score,
        letter: report.card.grade.letter,
        ready: report.decision.ready,
      }
    : undefined;
  const rows = wanted ? report.rows.filter((r) => wanted.has(r.category)) : report.rows;
  return {
    bars: cats.map((c) => ({ label: c.title, weight: c.weight, score: c.score, minimum: c.minimum })),
    stacks: cats.map((c) => ({ label: c.title, counts: c.counts })),
    stacksOf: 'category',
    trend: trendPoints(history, current),
    threshold,
    chips: phaseChips(rows),
  };
}

function countWords(counts: Record<RowOutcome, number>): string {
  const parts = OUTCOME_ORDER.filter((o) => counts[o] > 0).map(
    (o) => `${counts[o].toLocaleString('en')} ${OUTCOME_STYLE[o].symbol} ${OUTCOME_STYLE[o].word}`,
  );
  return parts.length ? parts.join(', ') : 'no results';
}

function barWords(b: CategoryBar): string {
  if (b.score === null) return 'not scored';
  if (b.minimum === undefined) return b.score.toFixed(1);
  return `${b.score.toFixed(1)}, ${b.score < b.minimum ? '✗ below' : '✓ meets'} its minimum ${b.minimum}`;
}

/** Sentences of the trend, or why there is none. */
export function trendWords(points: readonly TrendPoint[]): string {
  if (points.length === 0) return 'no recorded run yet.';
  const runs = points
    .map(
      (p) =>
        `${p.date} ${p.letter}${p.score === null ? '' : ` ${p.score.toFixed(1)}`}${p.current ? ' (this run)' : ''}`,
    )
    .join(' → ');
  return `${points.length === 1 ? 'one recorded run' : `${points.length} runs`}: ${runs}.`;
}

/** The Markdown section; the HTML draws the same facts. */
export function glanceMarkdown(g: Glance): string {
  const blocks = ['## At a glance'];
  if (g.bars.length)
    blocks.push(
      `Category scores against their minimum (weight in the rubric):\n\n${g.bars
        .map(
          (b, i) =>
            `- ${text(b.label)} (weight ${b.weight}): ${barWords(b)} — ${countWords(g.stacks[i]?.counts ?? emptyCounts())}`,
        )
        .join('\n')}`,
    );
  else if (g.stacks.length)
    blocks.push(
      `Outcomes of ${g.stacksOf}:\n\n${g.stacks.map((s) => `- ${text(s.label)}: ${countWords(s.counts)}`).join('\n')}`,
    );
  if (g.trend) blocks.push(`Grade trend, ${text(trendWords(g.trend))}`);
  if (g.chips.length) blocks.push(`Phases: ${g.chips.map((c) => text(chipWords(c))).join('; ')}.`);
  return blocks.join('\n\n');
}

function figure(svg: string, caption: string, cls: string): string {
  return svg ? `<figure class="${cls}">${svg}<figcaption>${caption}</figcaption></figure>` : '';
}

/** The HTML section: the pictures, each with a caption. */
export function glanceHtml(g: Glance): string {
  const figures = [
    figure(
      categoryBarsSvg(g.bars),
      'Category scores against their minimum; bar length is the weight',
      'f-bars',
    ),
    figure(outcomeStacksSvg(g.stacks), `Outcomes per ${g.stacksOf}`, 'f-stacks'),
    g.trend
      ? g.trend.length
        ? figure(trendSvg(g.trend, g.threshold), 'Grade over the recorded runs', 'f-trend')
        : '<p class="dim">Grade trend: no recorded run yet.</p>'
      : '',
    figure(phaseChipsSvg(g.chips), 'Phases and their sign-off', 'f-chips'),
  ].filter(Boolean);
  return `<section class="glance"><h2 id="at-a-glance">At a glance</h2><div class="figs">${figures.join('')}</div></section>`;
}
