/**
 * vitest's own floor, measured: a bare `vitest run` of one trivial test with a global setup
 * that notes when vitest called it (no readyspec code). The audit's probes start in its global
 * setup, so no audit can end before that moment plus the bare work it measures:
 * (setup moment + bare work) / bare work is the least ratio any audit hosted this way could
 * reach, even with every other cost overlapped. The benches print it beside the goals.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labDir } from '../fixtures/lab/process.ts';
import { measure } from './measure.ts';

const vitest = join(resolve(import.meta.dirname, '..'), 'node_modules/vitest/vitest.mjs');
const MARK = 'READYSPEC_BENCH_SETUP_AT';
let dir: string | undefined;

function trivialProject(): string {
  if (dir) return dir;
  dir = labDir('bench-bare-vitest');
  writeFileSync(
    join(dir, 'trivial.test.ts'),
    "import { expect, test } from 'vitest';\ntest('trivial', () => expect(1).toBe(1));\n",
  );
  writeFileSync(
    join(dir, 'setup.ts'),
    `export default () => { console.log('${MARK}', Math.round(process.uptime() * 1000)); };\n`,
  );
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    "export default { test: { include: ['trivial.test.ts'], globalSetup: ['setup.ts'] } };\n",
  );
  return dir;
}

export interface BareVitest {
  /** Wall time of the whole run. */
  wallMs: number;
  /** When vitest called the global setup, since the process started. */
  setupAtMs: number;
}

/** One bare vitest run (it must pass and print its setup moment). */
export function bareVitest(): BareVitest {
  const root = trivialProject();
  const run = measure(process.execPath, [vitest, 'run', '--root', root], process.env, root);
  const at = run.stdout.match(new RegExp(`${MARK} (\\d+)`));
  if (run.status !== 0 || !at)
    throw new Error(
      `bench: bare vitest exited ${run.status} (setup moment ${at ? 'seen' : 'not seen'})\n${run.stderr.slice(-2000)}`,
    );
  return { wallMs: run.wallMs, setupAtMs: Number(at[1]) };
}

/** "floor 1.70× (bare vitest reaches its global setup at 0.75 s, + 1.07 s)": the least ratio reachable. */
export function floorNote(setupAtMs: number, work: number): string {
  return `floor ${((setupAtMs + work) / work).toFixed(2)}× (bare vitest reaches its global setup at ${(setupAtMs / 1000).toFixed(2)} s, + ${(work / 1000).toFixed(2)} s)`;
}

/** Removes the trivial project (the benches keep their work folders; a test does not). */
export function removeBareProject(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
