/**
 * Benchmark (not a test): an audit of N HTTP endpoint controls against a local nginx, timed as
 * a whole vitest process with the peak RSS of its whole process tree (bench/tree.ts), beside a bare undici loop making the same requests at
 * the same concurrency, and a bare vitest run of one trivial test (vitest's own floor,
 * bench/vitest-floor.ts), in the same run. Then the cold start of a one-control audit beside that
 * bare vitest run.
 *
 *   npx tsx bench/http.ts [N …]      (default 1000 10000 50000)
 * READYSPEC_BENCH_ROUNDS (1–5, default 3) rounds; READYSPEC_BENCH_COLD=0 skips the cold start.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startNginx } from '../fixtures/lab/nginx.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { load1, loadNote, measured } from './goals.ts';
import { measure, median } from './measure.ts';
import { measureTree, type TreeMeasured } from './tree.ts';
import { type BareVitest, bareVitest, floorNote } from './vitest-floor.ts';

const root = resolve(import.meta.dirname, '..');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const CONCURRENCY = 64;
const ROUNDS = Math.min(Math.max(Number(process.env.READYSPEC_BENCH_ROUNDS ?? 3), 1), 5);
/** Issue 14: audit wall / bare loop, and the peak of the whole vitest process tree. */
const GOALS: Record<number, { ratio: number; peakMb?: number }> = {
  1000: { ratio: 2.0 },
  10000: { ratio: 1.5, peakMb: 250 },
  50000: { ratio: 1.25, peakMb: 350 },
};
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
if (sizes.some((n) => n > 50_000)) throw new Error('bench: at most 50,000 requests per size (bounded load)');

function writePolicy(dir: string, urls: string[], check: string): void {
  mkdirSync(dir, { recursive: true });
  const endpoints = urls.map((u, i) => `    - { name: e${i}, url: "${u}" }`).join('\n');
  writeFileSync(join(dir, 'inventory.yaml'), `inventory:\n  endpoints:\n${endpoints}\n`);
  writeFileSync(
    join(dir, 'controls.yaml'),
    `controls:\n  - id: AVA-HTTP-001\n    title: Endpoint answers 200\n    category: availability\n    severity: high\n    check: ${check}\n`,
  );
}

function audit(policy: string, reports: string): Promise<TreeMeasured> {
  const env = {
    ...process.env,
    READYSPEC_POLICY: policy,
    READYSPEC_REPORTS: reports,
    READYSPEC_CONCURRENCY: String(CONCURRENCY),
  };
  return measureTree(process.execPath, [vitest, 'run', '--project', 'audit'], env, root);
}

function resultsOf(reports: string): {
  controls: { id: string; outcome: string }[];
  grade: { score: number; letter: string };
} {
  const day = readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (!day) throw new Error(`bench: the audit wrote no dated report folder in ${reports}`);
  return JSON.parse(readFileSync(join(reports, day, 'results.json'), 'utf8'));
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const nginx = await startNginx({
    workerProcesses: 1,
    http: ['access_log off'],
    servers: [{ locations: [{ match: '/', directives: ['return 200 "ok\\n"'] }] }],
  });
  const work = labDir('bench-http');
  const rows: string[] = [];
  try {
    for (const n of sizes.length ? sizes : [1000, 10_000, 50_000]) {
      const urls = Array.from({ length: n }, (_, i) => nginx.url(`/e/${i}`));
      const urlFile = join(work, `urls-${n}.txt`);
      writeFileSync(urlFile, urls.join('\n'));
      const policy = join(work, `policy-${n}`);
      writePolicy(policy, urls, 'http.status');
      // Three interleaved rounds (the machine is noisy): median times, highest peak.
      const loops: { ms: number; wallMs: number; peakMb: number }[] = [];
      const audits: TreeMeasured[] = [];
      const loads: number[] = [];
      const bares: BareVitest[] = [];
      let results: ReturnType<typeof resultsOf> | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        const bare = measure(
          process.execPath,
          [join(root, 'bench/bare-undici.mjs'), urlFile, String(CONCURRENCY)],
          process.env,
          root,
        );
        const loop = JSON.parse(bare.stdout) as { ok: number; ms: number };
        if (loop.ok !== n) throw new Error(`bench: bare loop got ${loop.ok}/${n} 200s`);
        loops.push({ ms: loop.ms, wallMs: bare.wallMs, peakMb: bare.peakMb });
        bares.push(bareVitest());
        const reports = join(work, `reports-${n}-${round}`);
        const run = await audit(policy, reports);
        loads.push(load1());
        results = resultsOf(reports);
        const passed = results.controls.filter((c) => c.id === 'AVA-HTTP-001' && c.outcome === 'pass').length;
        if (run.status !== 0 || passed !== n)
          throw new Error(
            `bench: audit of ${n} exited ${run.status} with ${passed}/${n} passing\n${run.stderr.slice(-3000)}`,
          );
        audits.push(run);
      }
      const loopMs = median(loops.map((l) => l.ms));
      const bareWall = median(loops.map((l) => l.wallMs));
      const barePeak = Math.max(...loops.map((l) => l.peakMb));
      const auditWall = median(audits.map((a) => a.wallMs));
      const auditPeak = Math.max(...audits.map((a) => a.peakMb));
      const setupAt = median(bares.map((b) => b.setupAtMs));
      rows.push(
        `| ${n.toLocaleString('en')} | ${fmt(loopMs)} | ${fmt(bareWall)} | ${barePeak.toFixed(0)} MB | ${fmt(median(bares.map((b) => b.wallMs)))} (setup at ${fmt(setupAt)}) | ${fmt(auditWall)} | ${auditPeak.toFixed(0)} MB | ${(auditWall / loopMs).toFixed(2)}× | ${(auditWall / bareWall).toFixed(2)}× | ${results?.grade.letter} |`,
      );
      process.stderr.write(`${rows.at(-1)} ${loadNote()}\n`);
      const goal = GOALS[n];
      const ratio = auditWall / loopMs;
      const floor = floorNote(setupAt, loopMs);
      const label = `${n.toLocaleString('en')} HTTP controls`;
      if (goal) {
        measured(
          `${label}: audit ≤ ${goal.ratio}× the bare undici loop`,
          `${ratio.toFixed(2)}× (${fmt(auditWall)} / ${fmt(loopMs)}; ${floor}; load during ${loads.map((l) => l.toFixed(1)).join(' ')})`,
          ratio <= goal.ratio,
        );
        if (goal.peakMb)
          measured(
            `${label}: peak RSS of the vitest process tree ≤ ${goal.peakMb} MB`,
            `${auditPeak.toFixed(0)} MB`,
            auditPeak <= goal.peakMb,
          );
      }
    }
    const cold = process.env.READYSPEC_BENCH_COLD === '0' ? undefined : await coldStart(work);
    process.stdout.write(
      [
        `HTTP audit vs bare undici loop, ${CONCURRENCY} connections, nginx on loopback, median of ${ROUNDS} interleaved rounds, highest peak (${new Date().toISOString()})`,
        '',
        '| controls | bare loop | bare process | bare peak | bare vitest, one test | audit process | audit peak | audit / loop | audit / process | grade |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
        ...rows,
        '',
        ...(cold
          ? [
              `Cold start (median of 5): one-control audit ${fmt(cold.audit)}, bare vitest one trivial test ${fmt(cold.bare)}, ratio ${(cold.audit / cold.bare).toFixed(2)}×`,
              `First run after install (builds node_modules/.cache/readyspec): ${fmt(cold.firstRun)}`,
            ]
          : []),
        loadNote(),
        '',
      ].join('\n'),
    );
  } finally {
    await nginx.stop();
  }
}

async function coldStart(work: string): Promise<{ audit: number; bare: number; firstRun: number }> {
  const policy = join(work, 'policy-cold');
  mkdirSync(policy, { recursive: true });
  writeFileSync(
    join(policy, 'policy.yaml'),
    'inventory:\n  hosts: [{ name: local, transport: local }]\ncontrols:\n  - id: SEC-FILE-001\n    title: passwd mode\n    category: security\n    severity: high\n    check: host.file-mode\n    params: { path: /etc/passwd, maxMode: "644" }\n',
  );
  // The first run after `npm ci` (or after editing a source file) builds the prebuilt modules.
  rmSync(join(root, 'node_modules/.cache/readyspec'), { recursive: true, force: true });
  const firstRun = (await audit(policy, join(work, 'reports-cold-first'))).wallMs;
  const auditTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Interleaved, so both see the same machine load.
    bareTimes.push(bareVitest().wallMs);
    auditTimes.push((await audit(policy, join(work, `reports-cold-${i}`))).wallMs);
  }
  return { audit: median(auditTimes), bare: median(bareTimes), firstRun };
}

await main();
