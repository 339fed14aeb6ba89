/**
 * Benchmark (not a test): a fleet of N sites (default 50,000) read from the fleet lab's control
 * plane (/tenants, paginated, bearer token) and audited through the whole `npm test`, beside a
 * bare undici loop over the same N URLs; then the same audit as 4 shards (`--shard=i/4
 * --reporter=blob`), each run alone, each shard's wall time and peak RSS of its whole process
 * tree beside the single run's, the merge (`vitest run --merge-reports`) timed, and the merged
 * documents and results.json compared with the single run's (measured times masked).
 *
 *   npx tsx bench/fleet.ts [--sites N]      (npm run bench:fleet -- --sites 2000 for a smoke)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startControlPlane } from '../fixtures/lab/fleet/control-plane.ts';
import { controlPlaneSource } from '../fixtures/lab/fleet/policy-source.ts';
import { startFleetSites } from '../fixtures/lab/fleet/sites.ts';
import { buildFleet } from '../fixtures/lab/fleet/topology.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { reportTree, unmeasured } from '../fixtures/lab/report-tree.ts';
import { measureTree, type TreeMeasured } from './tree.ts';

const root = resolve(import.meta.dirname, '..');
const vitest = join(root, 'node_modules/.bin/vitest');
const TOKEN = 'fleet-bench-token-41c07e';
const NOW = '2026-11-23T12:00:00Z';
const CONCURRENCY = 64;
const SHARDS = 4;
const GOAL = 0.35;

function sitesArg(argv: string[]): number {
  const k = argv.indexOf('--sites');
  const raw = k >= 0 ? argv[k + 1] : argv.find((a) => a.startsWith('--sites='))?.slice(8);
  const n = raw === undefined ? 50_000 : Number(raw);
  if (!Number.isInteger(n) || n < 2 || n > 50_000 || n % 2)
    throw new Error(`bench: --sites must be an even whole number from 2 to 50,000 (got ${raw})`);
  return n;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0].toFixed(2);

/** Files that differ between two report folders once measured times are masked ([] when equal). */
function differences(a: string, b: string): string[] {
  const files = reportTree(a);
  const other = reportTree(b);
  if (files.join('\n') !== other.join('\n')) return [`file lists differ: ${files} vs ${other}`];
  return files.filter((f) => unmeasured(join(a, f)) !== unmeasured(join(b, f)));
}

function resultsOf(reports: string): {
  controls: { id: string; outcome: string }[];
  grade: { letter: string };
} {
  const day = readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (!day) throw new Error(`bench: no dated report folder in ${reports}`);
  return JSON.parse(readFileSync(join(reports, day, 'results.json'), 'utf8'));
}

function expectAudit(run: TreeMeasured, what: string, marker: string): void {
  // Exit 1 is NOT READY (the planted 500s fail); anything else means the audit did not grade.
  if (!`${run.stdout}${run.stderr}`.includes(marker) || (run.status !== 0 && run.status !== 1))
    throw new Error(
      `bench: ${what} exited ${run.status} without "${marker}"\n${`${run.stdout}\n${run.stderr}`.slice(-3000)}`,
    );
}

async function main() {
  const sites = sitesArg(process.argv.slice(2));
  // 50 sites a shard (1,000 shards at 50,000), 2 sites a tenant; one site in 500 answers 500.
  const fleet = buildFleet(Math.max(4, sites / 50), sites / 2, 2);
  const domains = fleet.tenants.flatMap((t) => t.sites.map((s) => s.domain));
  fleet.defects.erroringSites = domains.filter((_, i) => i % 500 === 7);
  const web = await startFleetSites(fleet);
  const cp = await startControlPlane(fleet, TOKEN, web.url(''), Date.now());
  const work = labDir('bench-fleet');
  try {
    const urlFile = join(work, 'urls.txt');
    writeFileSync(urlFile, domains.map((d) => `${web.url('')}/site/${d}/`).join('\n'));
    const policy = join(work, 'policy');
    mkdirSync(policy);
    writeFileSync(
      join(policy, 'policy.yaml'),
      `inventory:
  sources:
${controlPlaneSource(cp.url, 1000)}controls:
  - { id: FLT-SITE-001, title: Every site answers, category: availability, severity: high, check: http.status, targets: { groups: [fleet-sites] }, params: { expect: [200] } }
`,
    );
    const inventory = join(work, 'inventory.json');
    const env = (reports: string) => ({
      ...process.env,
      READYSPEC_POLICY: policy,
      READYSPEC_REPORTS: reports,
      READYSPEC_CONCURRENCY: String(CONCURRENCY),
      READYSPEC_NOW: NOW,
      READYSPEC_INVENTORY: inventory,
      FLEET_API_TOKEN: TOKEN,
    });
    const rows: string[] = [];
    const row = (what: string, m: TreeMeasured, ratio: string, l: string) => {
      rows.push(`| ${what} | ${fmt(m.wallMs)} | ${m.peakMb.toFixed(0)} MB | ${ratio} | ${l} |`);
      process.stderr.write(`${rows.at(-1)}\n`);
    };

    // The first audit after a source edit builds node_modules/.cache/readyspec: not in any figure.
    const warm = join(work, 'warm-up');
    mkdirSync(warm);
    writeFileSync(
      join(warm, 'policy.yaml'),
      'inventory:\n  hosts: [{ name: local, transport: local }]\ncontrols:\n  - { id: SEC-FILE-001, title: passwd mode, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }\n',
    );
    const warmUp = await measureTree(
      'npm',
      ['test'],
      { ...env(join(work, 'warm-up-reports')), READYSPEC_POLICY: warm },
      root,
    );
    expectAudit(warmUp, 'warm-up audit', 'Grade');
    process.stderr.write(
      `warm-up audit of one control (builds the prebuilt modules when stale): ${fmt(warmUp.wallMs)}\n`,
    );

    let l = load();
    const bare = await measureTree(
      process.execPath,
      [join(root, 'bench/bare-undici.mjs'), urlFile, String(CONCURRENCY)],
      process.env,
      root,
    );
    const loop = JSON.parse(bare.stdout) as { ok: number; ms: number };
    const expectedOk = sites - fleet.defects.erroringSites.length;
    if (loop.ok !== expectedOk) throw new Error(`bench: bare loop got ${loop.ok}/${expectedOk} 200s`);
    row(`bare undici loop (${fmt(loop.ms)} in the loop)`, bare, '', l);

    // The single run resolves the control-plane source and writes the resolved inventory that
    // the shards then read, as the CI recipe's shards do (README, Splitting one audit).
    const single = join(work, 'single');
    l = load();
    const whole = await measureTree('npm', ['test'], env(single), root);
    expectAudit(whole, 'npm test', 'Grade');
    const singleRows = resultsOf(single).controls.filter((c) => c.id === 'FLT-SITE-001');
    if (singleRows.length !== sites)
      throw new Error(`bench: the single run graded ${singleRows.length} of ${sites} sites`);
    row('npm test, single run', whole, `${(whole.wallMs / bare.wallMs).toFixed(2)}× bare`, l);

    const blobs = join(work, 'blobs');
    const shardRuns: TreeMeasured[] = [];
    for (let i = 1; i <= SHARDS; i++) {
      l = load();
      const run = await measureTree(
        'npm',
        [
          'test',
          '--',
          `--shard=${i}/${SHARDS}`,
          '--reporter=blob',
          `--outputFile=${join(blobs, `blob-${i}.json`)}`,
        ],
        env(join(work, `shard-${i}`)),
        root,
      );
      expectAudit(run, `shard ${i}/${SHARDS}`, 'blob report written');
      shardRuns.push(run);
      const ratio = run.wallMs / whole.wallMs;
      row(`npm test --shard=${i}/${SHARDS}`, run, `${ratio.toFixed(2)} of single`, l);
    }

    // A shard that resolves the control-plane source itself (no resolved inventory handed to it).
    l = load();
    const own = await measureTree(
      'npm',
      ['test', '--', `--shard=1/${SHARDS}`, '--reporter=blob', `--outputFile=${join(work, 'own-blob.json')}`],
      { ...env(join(work, 'shard-own')), READYSPEC_INVENTORY: join(work, 'own-inventory.json') },
      root,
    );
    expectAudit(own, 'shard resolving the source', 'blob report written');
    row(
      `npm test --shard=1/${SHARDS}, resolving the source itself`,
      own,
      `${(own.wallMs / whole.wallMs).toFixed(2)} of single`,
      l,
    );

    const merged = join(work, 'merged');
    l = load();
    const merge = await measureTree(vitest, ['run', `--merge-reports=${blobs}`], env(merged), root);
    expectAudit(merge, 'merge', 'Grade');
    row(
      `vitest run --merge-reports (${SHARDS} blobs)`,
      merge,
      `${(merge.wallMs / whole.wallMs).toFixed(2)} of single`,
      l,
    );
    const diff = differences(single, merged);
    const worst = Math.max(...shardRuns.map((r) => r.wallMs)) / whole.wallMs;

    process.stdout.write(
      [
        `Fleet audit: ${sites.toLocaleString('en')} sites (${fleet.tenants.length.toLocaleString('en')} tenants, ${fleet.shards.length} shards) from the control-plane source, one nginx on loopback, ${CONCURRENCY} connections, ${new Date().toISOString()}`,
        'Peak RSS: the highest sum over the process tree (sampled from /proc every 20 ms) or the largest process (GNU time), whichever is higher. Load: 1-minute average at the start.',
        '',
        '| run | wall | peak RSS | ratio | load |',
        '|---|---:|---:|---:|---:|',
        ...rows,
        '',
        `Slowest shard / single run: ${worst.toFixed(2)} (goal ≤ ${GOAL}: ${worst <= GOAL ? 'met' : 'NOT met'}); slowest shard + merge / single run: ${((Math.max(...shardRuns.map((r) => r.wallMs)) + merge.wallMs) / whole.wallMs).toFixed(2)}`,
        `Merged documents and results.json vs the single run (measured times masked): ${diff.length ? `DIFFER in ${diff.join(', ')}` : `equal (${reportTree(single).length} files)`}`,
        `Grade: single ${resultsOf(single).grade.letter}, merged ${resultsOf(merged).grade.letter}`,
        '',
      ].join('\n'),
    );
    if (diff.length) process.exitCode = 1;
  } finally {
    await cp.stop();
    await web.stop();
  }
}

await main();
