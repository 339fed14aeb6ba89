/**
 * Where a phase's USER_ACCEPTANCE.md is: the policy's `document`, else the reporter's dated
 * output `<reportsDir>/<YYYY-MM-DD>/<phase>/USER_ACCEPTANCE.md`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCEPTANCE_FILE, phaseDir } from '../../reporters/acceptance.ts';

export interface AcceptanceDocument {
  path: string;
  text: string;
}

/**
 * The phase's generated acceptance documents, newest date first.
 * @example await generatedDocuments('reports', 'phase-1') // [{ path: 'reports/2025-06-15/phase-1/USER_ACCEPTANCE.md', text }]
 */
export async function generatedDocuments(reportsDir: string, phase: string): Promise<AcceptanceDocument[]> {
  const dates = await readdir(reportsDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const found: AcceptanceDocument[] = [];
  for (const date of dates
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()
    .reverse()) {
    const path = join(reportsDir, date, phaseDir(phase), ACCEPTANCE_FILE);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) found.push({ path, text });
  }
  return found;
}
