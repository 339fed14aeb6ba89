/**
 * Writers in separate processes: concurrent runs into one reports folder lose nothing, and a
 * writer killed (SIGKILL) at a random instant leaves the old complete set or the new one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { readHistory } from './history.ts';
import { recoverReports } from './report-set.ts';
import { generation, KILL_DAY } from './report-set-child.ts';
import { LOCK_FILE, withReportsLock } from './reports-lock.ts';

const here = import.meta.dirname;
const root = join(here, '..');
const FILES = 40;
const LINES = 2500; // 40 files × 2,500 lines × 80 bytes ≈ 8 MB a set

/** Resolves when the child printed "ready" (its imports are done), with its exit. */
function start(
  cmd: string,
  args: string[],
): { child: ChildProcess; ready: Promise<void>; exit: Promise<number | null> } {
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', () => reject(new Error(`child exited before ready: ${err}`)));
  });
  ready.catch(() => {});
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code) process.stderr.write(err);
      resolve(code);
    }),
  );
  return { child, ready, exit };
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * What the reports folder holds: the day folder's generation (undefined while it is between
 * the two renames of a swap) and the generation of history.jsonl's last line. Throws on a
 * mix, a cut file or a stray file in the day folder.
 */
function setState(reportsDir: string): { folder: number | undefined; history: number } {
  const last = readFileSync(join(reportsDir, 'history.jsonl'), 'utf8').trimEnd().split('\n').at(-1);
  const history = (JSON.parse(last ?? '{}') as { gen: number }).gen;
  const dir = join(reportsDir, KILL_DAY);
  if (!existsSync(dir)) return { folder: undefined, history };
  const expected = generation(reportsDir, 0, FILES, LINES)
    .map((f) => relative(dir, f.path))
    .sort();
  expect(tree(dir)).toEqual(expected);
  const gens = new Set<number>();
  for (const rel of expected) {
    const text = readFileSync(join(dir, rel), 'utf8');
    const end = /END gen=(\d+)\n$/.exec(text);
    if (!end) throw new Error(`${rel} is cut (${text.length} bytes)`);
    const lines = text.split('\n').slice(0, -2);
    if (lines.length !== LINES || lines.some((l) => !l.startsWith(`gen=${end[1]} `)))
      throw new Error(`${rel} mixes generations`);
    gens.add(Number(end[1]));
  }
  if (gens.size !== 1) throw new Error(`the day folder mixes generations ${[...gens].join(', ')}`);
  return { folder: [...gens][0], history };
}

/** A committed set not yet in place (the writer was killed during its roll-forward). */
const pending = (reportsDir: string) => readdirSync(reportsDir).some((n) => n.startsWith('.ready-'));

/** Anything a run leaves behind besides its set: staging, ready, old folders, temp files, the lock. */
function leftovers(reportsDir: string): string[] {
  return readdirSync(reportsDir).filter((n) => n.startsWith('.'));
}

describe('report sets written by separate processes', () => {
  it('six concurrent runs into one reports folder: six history lines, one complete set', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-concurrent-'));
    const tsx = join(root, 'node_modules/.bin/tsx');
    const runs = Array.from({ length: 6 }, (_, i) =>
      start(tsx, [join(here, 'report-set-child.ts'), 'run', reportsDir, `2025-01-31T10:0${i}:00Z`]),
    );
    expect(await Promise.all(runs.map((r) => r.exit))).toEqual([0, 0, 0, 0, 0, 0]);
    const history = await readHistory(reportsDir);
    expect(history.map((h) => h.generatedAt).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `2025-01-31T10:0${i}:00.000Z`),
    );
    const day = join(reportsDir, '2025-01-31');
    const files = tree(day);
    expect(files).toContain('results.json');
    expect(files.filter((f) => f.endsWith('.md')).length).toBeGreaterThan(1);
    for (const f of files.filter((f) => f.endsWith('.md')))
      expect(existsSync(join(day, f.replace(/\.md$/, '.html')))).toBe(true);
    // The set is one run's: results.json names the run whose history line is last.
    const results = JSON.parse(readFileSync(join(day, 'results.json'), 'utf8'));
    expect(results.generatedAt).toBe(history.at(-1)?.generatedAt);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(leftovers(reportsDir)).toEqual([]);
  }, 120_000);

  it('50 kills at random points: always the old or the new complete set, and the next run recovers', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-kill-'));
    const bundle = join(mkdtempSync(join(tmpdir(), 'readyspec-kill-bin-')), 'report-set-child.mjs');
    buildSync({
      entryPoints: [join(here, 'report-set-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      external: ['./run.ts', './sample.ts'],
      logLevel: 'error',
    });
    const write = (gen: number) =>
      start(process.execPath, [bundle, 'set', reportsDir, String(gen), String(FILES), String(LINES)]);
    // Generation 1 whole; its duration bounds the random kill delays.
    const first = write(1);
    await first.ready;
    const t0 = performance.now();
    expect(await first.exit).toBe(0);
    const span = Math.max(50, (performance.now() - t0) * 1.3);
    expect(setState(reportsDir)).toEqual({ folder: 1, history: 1 });

    const tally = { old: 0, new: 0, committed: 0, mixed: 0 };
    let current = 1;
    const deadline = Date.now() + 150_000;
    for (let i = 0; i < 50 && Date.now() < deadline; i++) {
      const gen = current + 1;
      const run = write(gen);
      await run.ready;
      await new Promise((r) => setTimeout(r, Math.random() * span));
      run.child.kill('SIGKILL');
      await run.exit;
      let seen: ReturnType<typeof setState>;
      const wasPending = pending(reportsDir);
      try {
        seen = setState(reportsDir);
        if (wasPending) {
          // Committed, killed while putting it in place: the old folder whole (or none), either history.
          expect([current, undefined]).toContain(seen.folder);
          expect([current, gen]).toContain(seen.history);
        } else {
          expect([current, gen]).toContain(seen.folder);
          expect(seen.history).toBe(seen.folder);
        }
      } catch (err) {
        tally.mixed++;
        throw err;
      }
      // The next run: takes over the dead run's lock, rolls forward or cleans up.
      await withReportsLock(reportsDir, () => recoverReports(reportsDir), 5000);
      const after = setState(reportsDir);
      const want = wasPending ? gen : (seen.folder as number);
      expect(after).toEqual({ folder: want, history: want });
      if (wasPending) tally.committed++;
      else if (want === gen) tally.new++;
      else tally.old++;
      current = want;
      expect(leftovers(reportsDir)).toEqual([]);
      expect(tree(join(reportsDir, KILL_DAY)).some((f) => f.endsWith('.tmp'))).toBe(false);
    }
    process.stdout.write(
      `kill test: ${tally.old + tally.new + tally.committed} kills: ${tally.old} old set, ${tally.new} new set, ${tally.committed} committed but killed while putting it in place (completed by the next run), ${tally.mixed} mixed or cut\n`,
    );
    expect(tally.old + tally.new + tally.committed).toBe(50);
    // And a run after all that writes normally.
    const last = write(current + 1);
    expect(await last.exit).toBe(0);
    expect(setState(reportsDir)).toEqual({ folder: current + 1, history: current + 1 });
    expect(statSync(join(reportsDir, 'history.jsonl')).isFile()).toBe(true);
    expect(existsSync(join(reportsDir, LOCK_FILE))).toBe(false);
  }, 200_000);
});
