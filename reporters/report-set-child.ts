/**
 * A separate writer process for report-set.e2e.test.ts (bundled by the test, run with node):
 * `run <reportsDir> <iso time>` writes a whole run with writeReports (the concurrent-runs
 * test); `set <reportsDir> <generation> <files> <lines>` writes a large day folder of marked
 * files and a history line as one set (the kill test: every line says which generation it is,
 * every file ends with END, so a mix or a cut file is visible). Prints "ready" before writing.
 */
import { join } from 'node:path';
import { readHistory } from './history.ts';
import { commitSet, recoverReports, type SetFile } from './report-set.ts';
import { withReportsLock } from './reports-lock.ts';

export const KILL_DAY = '2025-06-15';

/** The files of one generation: flat documents and phase folders, each `lines` lines long. */
export function generation(reportsDir: string, gen: number, files: number, lines: number): SetFile[] {
  const dir = join(reportsDir, KILL_DAY);
  return Array.from({ length: files }, (_, k) => {
    const path = k % 5 === 0 ? join(dir, `phase-${k}`, 'USER_ACCEPTANCE.md') : join(dir, `doc-${k}.md`);
    const body = `gen=${gen} file=${k} ${'x'.repeat(60)}\n`.repeat(lines);
    return { path, content: [body, `END gen=${gen}\n`] };
  });
}

async function main(): Promise<void> {
  const [mode, reportsDir, a, b, c] = process.argv.slice(2);
  if (!reportsDir) throw new Error('usage: run|set <reportsDir> …');
  process.stdout.write('ready\n');
  if (mode === 'run') {
    // Loaded only here: the kill test's bundle leaves the reporter out.
    const [{ writeReports }, { samplePolicy, sampleRows }] = await Promise.all([
      import('./run.ts'),
      import('./sample.ts'),
    ]);
    await writeReports(sampleRows(), samplePolicy(), { reportsDir, now: new Date(a ?? Date.now()) });
  } else if (mode === 'set') {
    const gen = Number(a);
    await withReportsLock(reportsDir, async () => {
      await recoverReports(reportsDir);
      const history = await readHistory(reportsDir);
      const line = { gen } as unknown as (typeof history)[number];
      const next = `${[...history, line].map((e) => JSON.stringify(e)).join('\n')}\n`;
      await commitSet(
        reportsDir,
        join(reportsDir, KILL_DAY),
        generation(reportsDir, gen, Number(b), Number(c)),
        next,
      );
    });
  } else throw new Error(`unknown mode ${mode}`);
  process.stdout.write('done\n');
}

if (process.argv[1]?.includes('report-set-child')) {
  main().catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(3);
  });
}
