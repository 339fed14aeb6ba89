/**
 * The last run's grade, as the reporter recorded it in `<reportsDir>/history.jsonl` (one JSON
 * object a line, newest last): what a status page's "current grade: A" is compared with.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../probe.ts';

export type GradeField = 'score' | 'letter';

/**
 * Reads `field` from the last line of history.jsonl.
 * @example await lastGrade('reports', 'letter') // { value: 'A', source: 'reports/history.jsonl' }
 */
export async function lastGrade(
  reportsDir: string,
  field: GradeField,
): Promise<{ value: number | string; source: string } | { error: string; source: string }> {
  const source = join(reportsDir, 'history.jsonl');
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (err) {
    return { error: `no run history to compare with: ${describeError(err)}`, source };
  }
  const last = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  if (!last) return { error: `${source} is empty: no previous run recorded`, source };
  try {
    const value = (JSON.parse(last) as Record<string, unknown>)[field];
    if (typeof value === 'number' || typeof value === 'string') return { value, source };
    return { error: `${source}: the last run has no ${field} (${JSON.stringify(value)})`, source };
  } catch (err) {
    return { error: `${source}: last line is not JSON: ${describeError(err)}`, source };
  }
}
