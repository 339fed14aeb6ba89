/**
 * For readyspec's own end-to-end tests: every results.json a run wrote under a folder is valid
 * against results.schema.json, and there is at least one. Call it after a real run.
 * @example expectValidResults(join(dir, 'reports'))
 */
import { expect } from 'vitest';
import { validateResultsUnder } from './results-schema.ts';

export function expectValidResults(dir: string, atLeast = 1): void {
  const checked = validateResultsUnder(dir);
  expect(checked.length, `results.json files under ${dir}`).toBeGreaterThanOrEqual(atLeast);
  for (const { file, problems } of checked) expect(problems, file).toEqual([]);
}
