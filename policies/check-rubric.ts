/**
 * Rubric problems found at load: a time zone Intl does not know (the report date is computed
 * in it, after every target was probed), a policy with no control at all (it would be graded
 * on nothing), and weights that leave nothing to grade (every category with controls weighs 0,
 * or every control's severity weighs 0): the run would be INCOMPLETE for a reason that is not
 * coverage.
 */
import type { PolicyProblem } from './errors.ts';
import type { Merged } from './merge.ts';

const RUBRIC = '(rubric)';

export function checkRubric(merged: Merged, problems: PolicyProblem[]): void {
  const { rubric, controls } = merged;
  if (!validTimeZone(rubric.timezone))
    problems.push({
      file: RUBRIC,
      path: '/rubric/timezone',
      message: `time zone ${JSON.stringify(rubric.timezone.slice(0, 80))} is not known (expected an IANA name such as UTC, Europe/Paris or America/New_York)`,
    });
  if (controls.length === 0 && merged.custom.length === 0) {
    problems.push({
      file: '(policy)',
      path: '/controls',
      message:
        'the policy has no controls: a run would grade nothing; add controls (or extends: a shipped pack such as linux-baseline)',
    });
    return;
  }
  // TypeScript controls carry their own category and severity, read only when the run loads them.
  if (controls.length === 0 || merged.custom.length > 0) return;
  const used = [...new Set(controls.map((c) => c.category))].filter((c) =>
    Object.hasOwn(rubric.categories, c),
  );
  if (used.length && used.every((c) => rubric.categories[c].weight === 0))
    problems.push({
      file: RUBRIC,
      path: '/rubric/categories',
      message: `every category with controls has weight 0 (${used.join(', ')}): nothing would count toward the grade; give at least one a weight above 0`,
    });
  const severities = [...new Set(controls.map((c) => c.severity))];
  if (severities.every((s) => (rubric.severityWeights[s] ?? 0) === 0))
    problems.push({
      file: RUBRIC,
      path: '/rubric/severityWeights',
      message: `every control's severity weighs 0 (${severities.map((s) => `${s}: ${rubric.severityWeights[s] ?? 0}`).join(', ')}): nothing would count toward the grade; raise a severity or its weight`,
    });
}

/**
 * @example validTimeZone('Europe/Paris') // true
 * @example validTimeZone('Mars/Olympus') // false
 */
export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
