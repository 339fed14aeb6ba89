import type { Rubric, Severity } from './types.ts';

/** A control blocks READY when it says so, or when its severity is one the rubric calls blocking. */
export function isBlocking(control: { blocking?: boolean; severity: Severity }, rubric: Rubric): boolean {
  return control.blocking ?? rubric.decision.blockingSeverities.includes(control.severity);
}
