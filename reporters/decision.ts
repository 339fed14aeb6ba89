/**
 * Pure go/no-go (DESIGN.md, Grading): READY when the run is complete, the score reaches the
 * rubric's threshold, every scored category reaches its minimum, and no blocking control fails
 * or stays inconclusive. Otherwise NOT READY, with every reason listed.
 */
import type { Rubric } from '../policies/types.ts';
import type { Row } from './rows.ts';
import type { Scorecard } from './score.ts';

export interface BlockingItem {
  kind: 'coverage' | 'score' | 'category' | 'control';
  /** Category id, `control@target`, or empty for run-wide items. */
  ref: string;
  message: string;
}

export interface Decision {
  ready: boolean;
  blocking: BlockingItem[];
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}

export function decide(rows: Row[], card: Scorecard, rubric: Rubric): Decision {
  const blocking: BlockingItem[] = [];
  const { coverage, grade } = card;
  if (card.incomplete) {
    const message =
      coverage.evaluated === 0
        ? 'no control could be evaluated'
        : `${coverage.inconclusive} of ${coverage.evaluated} evaluated controls inconclusive (${pct(coverage.share)} > ${pct(coverage.max)} allowed)`;
    blocking.push({ kind: 'coverage', ref: '', message });
  } else if (grade.score !== null && grade.score < rubric.decision.minScore) {
    blocking.push({
      kind: 'score',
      ref: '',
      message: `score ${grade.score} below the required ${rubric.decision.minScore}`,
    });
  }
  for (const c of card.categories) {
    if (c.minimum === undefined || c.score === null || c.score >= c.minimum) continue;
    blocking.push({
      kind: 'category',
      ref: c.id,
      message: `${c.title} scores ${c.score}, below its minimum ${c.minimum}`,
    });
  }
  for (const row of rows) {
    if (!row.blocking || (row.outcome !== 'fail' && row.outcome !== 'error')) continue;
    const how = row.outcome === 'fail' ? 'fails' : 'could not be evaluated';
    blocking.push({
      kind: 'control',
      ref: `${row.id}@${row.target}`,
      message: `${row.id} ${how} on ${row.target}: ${row.message}`,
    });
  }
  return { ready: blocking.length === 0, blocking };
}
