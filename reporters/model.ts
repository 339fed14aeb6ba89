/** Everything a document needs about one run, computed once; renderers only read it. */
import type { Rubric } from '../policies/types.ts';
import type { Decision } from './decision.ts';
import type { RunDelta } from './history.ts';
import type { Row } from './rows.ts';
import type { Scorecard } from './score.ts';

export interface RunReport {
  date: string;
  generatedAt: string;
  policy: string;
  rubric: Rubric;
  /** Redacted rows, sorted by control id and target. */
  rows: Row[];
  /** The same rows by category: every document's tables read them from here. */
  byCategory: ReadonlyMap<string, Row[]>;
  card: Scorecard;
  decision: Decision;
  /** Absent on the first recorded run. */
  delta?: RunDelta;
  warnings: string[];
  /** A run that did not grade the whole policy (partial.ts): sign-offs are not compared. */
  partial?: boolean;
}

/** "C+ (66.1 / 100)" or "INCOMPLETE". */
export function gradeLine(report: RunReport): string {
  const g = report.card.grade;
  const capped = g.capped ? ', capped' : '';
  return g.score === null ? `**${g.letter}**` : `**${g.letter}** (${g.score.toFixed(1)} / 100${capped})`;
}

export function decisionLine(report: RunReport): string {
  return report.decision.ready ? '**PRODUCTION READY**' : '**NOT READY**';
}

export function isFailing(row: Row): boolean {
  return row.outcome === 'fail' || row.outcome === 'error';
}
