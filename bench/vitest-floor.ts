/**
 * vitest's own floor: the wall time of a bare `vitest run` of one trivial test (no readyspec
 * code, no config beyond its include). No audit hosted by vitest can end sooner than this
 * start-up plus the work it measures, so a goal whose ratio lies below
 * (floor + bare work) / bare work cannot be met by trimming readyspec; the benches print that
 * bound beside the goal, measured in the same run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labDir } from '../fixtures/lab/process.ts';
import { measure } from './measure.ts';

const vitest = join(resolve(import.meta.dirname, '..'), 'node_modules/vitest/vitest.mjs');
let dir: string | undefined;

function trivialProject(): string {
  if (dir) return dir;
  dir = labDir('bench-bare-vitest');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'trivial.test.ts'),
    "import { expect, test } from 'vitest';\ntest('trivial', () => expect(1).toBe(1));\n",
  );
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    "export default { test: { include: ['trivial.test.ts'] } };\n",
  );
  return dir;
}

/** One bare vitest run's wall time, in ms (it must pass). */
export function bareVitestMs(): number {
  const root = trivialProject();
  const run = measure(process.execPath, [vitest, 'run', '--root', root], process.env, root);
  if (run.status !== 0)
    throw new Error(`bench: bare vitest exited ${run.status}\n${run.stderr.slice(-2000)}`);
  return run.wallMs;
}

/** "floor 3.4× (bare vitest 0.95 s + 0.40 s)": the least ratio a vitest-hosted run could reach. */
export function floorNote(bareVitest: number, work: number, base = work): string {
  return `floor ${((bareVitest + work) / base).toFixed(2)}× (bare vitest ${(bareVitest / 1000).toFixed(2)} s + ${(work / 1000).toFixed(2)} s)`;
}
