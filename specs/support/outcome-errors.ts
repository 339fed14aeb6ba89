/**
 * How a control's outcome becomes a test state: pass → passed; waived → passed and annotated;
 * not-applicable → skipped; fail/error → failed. Failures carry the control's message, not a
 * JavaScript stack: an auditor reads them, and 50,000 stacks would cost the run seconds.
 */
import type { TestMeta } from '../../reporters/meta.ts';

export class ControlFailed extends Error {
  constructor(meta: TestMeta) {
    super(`${meta.id} failed on ${meta.target}: ${meta.message}`);
    this.name = 'ControlFailed';
    this.stack = `${this.name}: ${this.message}`;
  }
}

export class ControlInconclusive extends Error {
  constructor(meta: TestMeta) {
    super(`${meta.id} could not be evaluated on ${meta.target}: ${meta.message}`);
    this.name = 'ControlInconclusive';
    this.stack = `${this.name}: ${this.message}`;
  }
}

export type Verdict =
  | { state: 'pass'; annotation?: string }
  | { state: 'skip'; note: string }
  | { state: 'fail'; error: Error };

export function verdictOf(meta: TestMeta): Verdict {
  switch (meta.outcome) {
    case 'pass':
      return { state: 'pass' };
    case 'waived':
      return {
        state: 'pass',
        annotation: `waived until ${meta.waiver?.expires} by ${meta.waiver?.approver}: ${meta.message}`,
      };
    case 'not-applicable':
      return { state: 'skip', note: meta.message };
    case 'fail':
      return { state: 'fail', error: new ControlFailed(meta) };
    case 'error':
      return { state: 'fail', error: new ControlInconclusive(meta) };
  }
}
