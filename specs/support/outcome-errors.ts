/**
 * How a control's outcome becomes a test state. Failures carry the control's message, not a
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
