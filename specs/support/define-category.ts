/**
 * Generates one test per control × target of a category. Meta is attached before any
 * assertion: pass → passed; fail/error → failed with the message; waived → passed and
 * annotated; not-applicable → skipped.
 * @example await defineCategory('security'); // specs/security.spec.ts
 */
import { describe, type TestContext, test } from 'vitest';
import type { TestMeta } from '../../reporters/meta.ts';
import { requestCategory } from './engine-client.ts';
import { ControlFailed, ControlInconclusive } from './outcome-errors.ts';

export async function defineCategory(category: string): Promise<void> {
  const { titles, results } = await requestCategory(category);
  if (titles.length === 0) {
    // vitest fails a file without tests; a category the policy does not use is simply empty.
    test.skip(`${category}: no controls in this policy`);
    return;
  }
  describe(category, () => {
    titles.forEach((title, i) => {
      // No vitest timeout: the engine bounds every check with its own deadline and always
      // settles, and a per-test timer (with its captured stack) is memory at 50,000 tests.
      test(title, async (ctx) => settle(ctx, await results[i]), 0);
    });
  });
}

/** Records the meta on the test and turns the outcome into the test's state. */
export async function settle(ctx: TestContext, meta: TestMeta): Promise<void> {
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
