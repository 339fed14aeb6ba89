/**
 * How much of its control × target's weight a row carries (DESIGN.md, Subjects): a check about
 * the target as a whole carries all of it; the subjects of a collection check share it, each
 * evaluated subject 1/n of it. So 61 healthy containers and one unhealthy on a host give
 * that control × target 61/62 of its weight, and adding healthy containers does not change
 * what one failing container costs beyond its share.
 */
import { isEvaluated } from './outcomes.ts';
import type { Row } from './rows.ts';

export type ShareOf = (row: Row) => number;

/** The share of each row, from the evaluated subjects of its control × target. */
export function sharesOf(rows: readonly Row[]): ShareOf {
  // Nested maps, not a joined key: only rows with a subject are counted at all.
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.subject === undefined || !isEvaluated(row.outcome)) continue;
    let byTarget = counts.get(row.id);
    if (!byTarget) {
      byTarget = new Map();
      counts.set(row.id, byTarget);
    }
    byTarget.set(row.target, (byTarget.get(row.target) ?? 0) + 1);
  }
  if (counts.size === 0) return () => 1;
  return (row) => {
    if (row.subject === undefined) return 1;
    const n = counts.get(row.id)?.get(row.target);
    return n ? 1 / n : 0;
  };
}
