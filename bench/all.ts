/**
 * `npm run bench`: every issue-14 bench in turn, one after the other (they share 2 CPUs), then
 * one table of every goal beside the figure measured in this run: met, not met, or not
 * measured (and why). A bench that crashed is named with its exit, its goals as not measured.
 *   npm run bench            (full sizes)
 *   npm run bench -- --small (1,000 and 10,000 HTTP, one round: a quick look, not the goals)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Goal, loadNote } from './goals.ts';

const root = resolve(import.meta.dirname, '..');
const small = process.argv.includes('--small');
const BENCHES: [file: string, args: string[], expects: string[]][] = [
  [
    'http.ts',
    small ? ['1000', '10000'] : ['1000', '10000', '50000'],
    small ? ['1,000 HTTP', '10,000 HTTP'] : ['1,000 HTTP', '10,000 HTTP', '50,000 HTTP'],
  ],
  ['subjects.ts', [], ['containers as subjects']],
  ['ssh.ts', ['20'], ['engine ≥ 10×', 'whole npm test ≥ 8×']],
  ['mixed-latency.ts', [], ['mixed audit']],
];

const file = join(mkdtempSync(join(tmpdir(), 'readyspec-bench-')), 'goals.jsonl');
const crashed: Goal[] = [];
for (const [bench, args, expects] of BENCHES) {
  process.stderr.write(`\n== bench/${bench} ${args.join(' ')} (${loadNote()})\n`);
  const env = {
    ...process.env,
    READYSPEC_BENCH_GOALS: file,
    ...(small ? { READYSPEC_BENCH_ROUNDS: '1', READYSPEC_BENCH_COLD: '0' } : {}),
  };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', bench), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 1_200_000,
  });
  const got = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const e of expects)
    if (!got.includes(e))
      crashed.push({
        goal: e,
        missing: `bench/${bench} ended (exit ${r.status ?? r.signal}) without measuring it`,
        load: 0,
      });
}

const goals: Goal[] = [
  ...(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []).map(
    (l) => JSON.parse(l) as Goal,
  ),
  ...crashed,
];
const state = (g: Goal) => (g.missing ? `not measured: ${g.missing}` : g.met ? 'met' : 'not met');
console.log(`\nIssue 14 goals, one run (${new Date().toISOString()}, ${loadNote()} at the end)\n`);
console.log('| goal | figure | load (1 min) | |');
console.log('|---|---|---:|---|');
for (const g of goals)
  console.log(
    `| ${g.goal} | ${g.figure ?? '—'} | ${g.missing && !g.load ? '—' : g.load.toFixed(2)} | ${state(g)} |`,
  );
const met = goals.filter((g) => g.met).length;
console.log(`\n${met} of ${goals.length} goals met${small ? ' (--small: not the goals sizes)' : ''}`);
if (met < goals.length) process.exitCode = 1;
