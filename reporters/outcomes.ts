/** Which row outcomes count as evaluated (DESIGN.md, Outcomes): pass, fail and error. */
import type { RowOutcome } from './meta.ts';

const EVALUATED = new Set<RowOutcome>(['pass', 'fail', 'error']);

export function isEvaluated(outcome: RowOutcome): boolean {
  return EVALUATED.has(outcome);
}
