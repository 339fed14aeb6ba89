/**
 * The categories with a spec file of their own (specs/<category>.spec.ts). Every other
 * category a policy's rubric adds runs in specs/other-categories.spec.ts, so no control is
 * left out of a run because nobody wrote a file for its category.
 */
export const SPEC_CATEGORIES: readonly string[] = [
  'availability',
  'reliability',
  'monitoring',
  'security',
  'documentation',
  'backup-dr',
  'change-control',
  'acceptance',
];

const OWN = new Set(SPEC_CATEGORIES);

/** The categories of `categories` that no dedicated spec file runs, in the order given. */
export function otherCategories(categories: Iterable<string>): string[] {
  return [...categories].filter((c) => !OWN.has(c));
}
