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
  blocking.push(...blockingControls(rows));
  return { ready: blocking.length === 0, blocking };
}

/** Most subjects named in one blocking item; the rest are counted. */
const NAMED_SUBJECTS = 5;

/**
 * One item per blocking control × target that fails or could not be evaluated. A collection
 * check's failing subjects are one item naming them ("2 of 62 subjects fail: web, db"), not
 * one item per container.
 */
function blockingControls(rows: Row[]): BlockingItem[] {
  const items: BlockingItem[] = [];
  const groups = new Map<string, { row: Row; bad: Row[]; subjects: number }>();
  for (const row of rows) {
    if (!row.blocking) continue;
    const bad = row.outcome === 'fail' || row.outcome === 'error';
    if (row.subject === undefined) {
      if (bad) items.push(item(row, `${how(row)} on ${row.target}: ${row.message}`));
      continue;
    }
    const key = `${row.id}\u0000${row.target}`;
    let g = groups.get(key);
    if (!g) {
      g = { row, bad: [], subjects: 0 };
      groups.set(key, g);
    }
    g.subjects++;
    if (bad) g.bad.push(row);
  }
  for (const { row, bad, subjects } of groups.values()) {
    if (bad.length === 0) continue;
    if (bad.length === 1) {
      const only = bad[0] as Row;
      items.push(item(only, `${how(only)} on ${row.target} › ${only.subject}: ${only.message}`));
      continue;
    }
    const failed = bad.filter((r) => r.outcome === 'fail').length;
    const parts = [
      failed ? `${failed} fail` : '',
      bad.length - failed ? `${bad.length - failed} could not be evaluated` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const names = bad.slice(0, NAMED_SUBJECTS).map((r) => r.subject);
    const more = bad.length > NAMED_SUBJECTS ? ` and ${bad.length - NAMED_SUBJECTS} more` : '';
    items.push(
      item(
        row,
        `${failed ? 'fails' : 'could not be evaluated'} on ${row.target}: ${bad.length} of ${subjects} subjects (${parts}): ${names.join(', ')}${more}`,
      ),
    );
  }
  return items;
}

function how(row: Row): string {
  return row.outcome === 'fail' ? 'fails' : 'could not be evaluated';
}

function item(row: Row, what: string): BlockingItem {
  return { kind: 'control', ref: `${row.id}@${row.target}`, message: `${row.id} ${what}` };
}
