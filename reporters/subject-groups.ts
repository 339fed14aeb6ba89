/**
 * Rows arranged the way documents show them: per control, its rows about whole targets (folded
 * by outcome past a count, for fleets), then per target the subjects of a collection check
 * under one heading line. Pure; it builds no string per row.
 */
import type { RowOutcome } from './meta.ts';
import type { Row } from './rows.ts';

export interface SubjectGroup {
  /** The first row of the group: control statics and target. */
  head: Row;
  subjects: Row[];
}

export interface ControlRows {
  id: string;
  /** Rows about a whole target, by outcome in first-seen order. */
  byOutcome: Row[][];
  /** Collection checks, one group per target. */
  groups: SubjectGroup[];
}

/** Rows (sorted by id, target, subject) grouped per control, in first-seen order. */
export function controlRows(rows: readonly Row[]): ControlRows[] {
  const controls: ControlRows[] = [];
  let current: ControlRows | undefined;
  let outcomes = new Map<RowOutcome, Row[]>();
  let group: SubjectGroup | undefined;
  for (const r of rows) {
    if (current?.id !== r.id) {
      current = { id: r.id, byOutcome: [], groups: [] };
      controls.push(current);
      outcomes = new Map();
      group = undefined;
    }
    if (r.subject === undefined) {
      const list = outcomes.get(r.outcome);
      if (list) list.push(r);
      else {
        const fresh = [r];
        outcomes.set(r.outcome, fresh);
        current.byOutcome.push(fresh);
      }
      continue;
    }
    if (group?.head.target !== r.target) {
      group = { head: r, subjects: [] };
      current.groups.push(group);
    }
    group.subjects.push(r);
  }
  return controls;
}

/** Counts of a group's subjects by outcome, and its summary outcome (worst first). */
export function groupSummary(subjects: readonly Row[]): {
  outcome: RowOutcome;
  counts: Record<RowOutcome, number>;
} {
  const counts: Record<RowOutcome, number> = { pass: 0, fail: 0, error: 0, waived: 0, 'not-applicable': 0 };
  for (const s of subjects) counts[s.outcome]++;
  const outcome: RowOutcome = counts.fail
    ? 'fail'
    : counts.error
      ? 'error'
      : counts.pass
        ? 'pass'
        : counts.waived
          ? 'waived'
          : 'not-applicable';
  return { outcome, counts };
}

const WORDS: [RowOutcome, string][] = [
  ['pass', 'pass'],
  ['fail', 'fail'],
  ['error', 'inconclusive'],
  ['waived', 'waived'],
  ['not-applicable', 'not applicable'],
];

/** "62 subjects: 61 pass, 1 fail". */
export function countLine(total: number, counts: Record<RowOutcome, number>): string {
  const parts = WORDS.filter(([o]) => counts[o] > 0).map(
    ([o, w]) => `${counts[o].toLocaleString('en')} ${w}`,
  );
  return `${total.toLocaleString('en')} subject${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
