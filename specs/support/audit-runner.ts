/**
 * readyspec's vitest runner for the audit project (vitest's `runner` option): vitest's own
 * runner, except that a category's suite of control tests is run by runControlSuite.
 * Everything else (files, hooks, tests written in TypeScript) runs exactly as vitest runs it.
 */
import type { CancelReason, Suite } from '@vitest/runner';
import { TestRunner } from 'vitest';
import { type ControlRunner, isControlSuite, markAuditRunner, runControlSuite } from './control-tests.ts';

export default class AuditRunner extends TestRunner implements ControlRunner {
  cancelled = false;

  /** Set for the suite about to run: vitest calls it instead of its own loop over the children. */
  runSuite?: (suite: Suite) => Promise<void>;

  constructor(...args: ConstructorParameters<typeof TestRunner>) {
    super(...args);
    markAuditRunner();
  }

  override cancel(reason: CancelReason): void {
    this.cancelled = true;
    super.cancel(reason);
  }

  override async onBeforeRunSuite(suite: Suite): Promise<void> {
    await super.onBeforeRunSuite(suite);
    this.runSuite = isControlSuite(suite) ? () => runControlSuite(this, suite) : undefined;
  }
}
