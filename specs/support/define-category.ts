/**
 * Generates one test per control × target of a category (see control-tests.ts). Meta is
 * attached before the test's state is set: pass → passed; fail/error → failed with the
 * message; waived → passed and annotated; not-applicable → skipped.
 * @example await defineCategory('security'); // specs/security.spec.ts
 */
import { describe, test } from 'vitest';
import { registerControlTests } from './control-tests.ts';
import { requestCategory, requestOtherCategories } from './engine-client.ts';

export async function defineCategory(category: string): Promise<void> {
  const { titles, results } = await requestCategory(category);
  if (titles.length === 0) {
    // vitest fails a file without tests; a category the policy does not use is simply empty.
    test.skip(`${category}: no controls in this policy`);
    return;
  }
  describe(category, () => registerControlTests(titles, results));
}

/**
 * The categories a policy's rubric adds beyond those with a spec file of their own
 * (spec-categories.ts): one suite each, so every control the policy asks for runs.
 */
export async function defineOtherCategories(): Promise<void> {
  const categories = await requestOtherCategories();
  if (categories.length === 0) {
    test.skip('no category beyond the spec files in this policy');
    return;
  }
  const requested = await Promise.all(categories.map((c) => requestCategory(c)));
  categories.forEach((category, i) => {
    const { titles, results } = requested[i] as (typeof requested)[number];
    describe(category, () => {
      if (titles.length) registerControlTests(titles, results);
      else test.skip(`${category}: no controls in this policy`);
    });
  });
}
