/**
 * Generates one test per control × target of a category. Meta is attached before any
 * assertion: pass → passed; fail/error → failed with the message; waived → passed and
 * annotated; not-applicable → skipped.
 */
import { afterAll, describe, type TestContext, test } from 'vitest';
import type { ControlMeta } from '../../reporters/meta.ts';
import { audit } from './audit.ts';
import { ControlFailed, ControlInconclusive } from './outcome-errors.ts';

export function defineCategory(category: string): void {
  const run = audit();
  const checks = run.category(category);
  if (checks.length === 0) {
    // vitest fails a file without tests; a category the policy does not use is simply empty.
    test.skip(`${category}: no controls in this policy`);
    return;
  }
  describe(category, () => {
    for (const check of checks) {
      test(check.title, async (ctx) => settle(ctx, await check.meta()));
    }
    afterAll(() => run.finished(category));
  });
}

/** Records the meta on the test and turns the outcome into the test's state. */
export async function settle(ctx: TestContext, meta: ControlMeta): Promise<void> {
  ctx.task.meta.readyspec = meta;
  switch (meta.outcome) {
    case 'pass':
      return;
    case 'waived':
      await ctx.annotate(
        `waived until ${meta.waiver?.expires} by ${meta.waiver?.approver}: ${meta.message}`,
        'waiver',
      );
      return;
    case 'not-applicable':
      ctx.skip(meta.message);
      return;
    case 'fail':
      throw new ControlFailed(meta);
    case 'error':
      throw new ControlInconclusive(meta);
  }
}
