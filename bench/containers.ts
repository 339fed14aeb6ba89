/**
 * Bench: 200 containers on one engine, every docker control run and graded.
 * `npx tsx bench/containers.ts [count]`. Prints creation time (setup) apart from audit time.
 * Goal: the audit (cold: new run context, one list + one inspect per container) under 3 s.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { dockerProbes } from '../checks/docker/probes.ts';
import type { AnyProbe } from '../checks/registry.ts';
import { labContext } from '../fixtures/lab/context.ts';
import { importImage, LAB_IMAGE, startEngine } from '../fixtures/lab/docker-engine.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { defaultRubric } from '../policies/default-rubric.ts';
import type { HostEntry, Severity } from '../policies/types.ts';
import type { Row } from '../reporters/rows.ts';
import { scoreRun } from '../reporters/score.ts';
import { median } from './measure.ts';

const COUNT = Number(process.argv[2] ?? 200);
const PARALLEL = 4;
const CREATE_DEADLINE_MS = 240_000;
const RUNS = 5;

/** Varied on purpose: some healthchecks, limits, restart policies, loopback and public ports. */
function runArgs(i: number): string[] {
  const args = ['run', '-d', '--name', `c${String(i).padStart(3, '0')}`];
  if (i % 2 === 0) args.push('--restart', 'unless-stopped', '--memory', '32m');
  if (i % 3 === 0) args.push('--health-cmd', 'true', '--health-interval', '60s');
  if (i % 10 === 0) args.push('-p', `127.0.0.1:${20000 + i}:8080`);
  if (i % 50 === 7) args.push('-p', `0.0.0.0:${30000 + i}:8080`);
  return [...args, LAB_IMAGE, 'sleep', '86400'];
}

const CONTROLS: [check: string, category: string, severity: Severity, params: Record<string, unknown>][] = [
  ['docker.containers', 'availability', 'critical', { min: COUNT }],
  ['docker.health', 'availability', 'high', {}],
  ['docker.healthcheck', 'monitoring', 'medium', {}],
  ['docker.restart-policy', 'reliability', 'high', {}],
  ['docker.limits', 'reliability', 'medium', { memory: true }],
  ['docker.oom', 'reliability', 'high', {}],
  ['docker.restarts', 'reliability', 'medium', { max: 5 }],
  ['docker.privileged', 'security', 'critical', {}],
  ['docker.ports', 'security', 'high', {}],
];

async function auditOnce(host: HostEntry, dir: string) {
  const started = performance.now();
  const ctx = labContext({ baseDir: dir, inventory: { hosts: [host] }, probes: dockerProbes });
  const rows: Row[] = await Promise.all(
    CONTROLS.map(async ([check, category, severity, params], n) => {
      const probe = dockerProbes.find((p) => p.name === check) as AnyProbe;
      const t0 = performance.now();
      const r = await probe.run(ctx, host, params);
      return {
        id: `DOCKER-BENCH-${String(n + 1).padStart(3, '0')}`,
        title: probe.summary,
        category,
        severity,
        check,
        target: host.name,
        targetKind: 'host',
        blocking: severity === 'critical',
        outcome: r.outcome,
        message: r.message,
        evidence: r.evidence,
        durationMs: performance.now() - t0,
      } satisfies Row;
    }),
  );
  const card = scoreRun(rows, defaultRubric);
  await ctx.close();
  return { ms: performance.now() - started, rows, card };
}

async function main() {
  const dir = labDir('bench-containers');
  const engine = await startEngine({ name: 'bench', bridge: 'br-rsb', octet: 235, dir });
  try {
    await importImage(engine);
    const createStart = performance.now();
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < COUNT && performance.now() - createStart < CREATE_DEADLINE_MS) {
        const i = next++;
        await engine.docker(runArgs(i), 60_000).catch(() => failed++);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const createMs = performance.now() - createStart;
    const running = (await engine.docker(['ps', '-q'])).trim().split('\n').filter(Boolean).length;

    const host: HostEntry = { name: 'bench', transport: 'local', docker: { socket: engine.socket } };
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await auditOnce(host, dir));
    const cli = performance.now();
    await promisify(execFile)('sh', [
      '-c',
      `docker -H unix://${engine.socket} inspect $(docker -H unix://${engine.socket} ps -aq) >/dev/null`,
    ]);
    const cliMs = performance.now() - cli;

    const last = runs.at(-1)!;
    const audit = median(runs.map((r) => r.ms));
    console.log(`containers bench (${COUNT} requested, ${running} running, ${failed} failed to start)`);
    console.log(`  creation (docker run, ${PARALLEL} at a time): ${(createMs / 1000).toFixed(1)} s`);
    console.log(`  audit, ${CONTROLS.length} docker controls graded, cold context each run:`);
    console.log(
      `    runs: ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms; median ${audit.toFixed(0)} ms (goal < 3000 ms)`,
    );
    console.log(`    containers graded per second: ${((running / audit) * 1000).toFixed(0)}`);
    console.log(`  baseline: docker CLI inspect of all containers: ${cliMs.toFixed(0)} ms`);
    console.log(`  grade: ${last.card.grade.letter} (${last.card.grade.score?.toFixed(1) ?? '-'})`);
    for (const r of last.rows)
      console.log(`    ${r.check.padEnd(22)} ${r.outcome.padEnd(6)} ${r.message.slice(0, 100)}`);
    if (audit >= 3000 || running < COUNT) process.exitCode = 1;
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
