/**
 * Bench: 200 hosts' containers as subjects, 10,000 in all, graded. One real engine runs 50
 * containers; 200 inventory hosts reach it (each its own SSH-less local host entry on the same
 * socket), so docker.health returns 50 subjects per host from real `docker inspect` data.
 * Timed apart: probing (setup), and grading, the reporter's work from those results to every
 * document (writeReports: score, decision, Markdown, HTML, results.json, CSV, history).
 *   npx tsx bench/subjects.ts [hosts=200] [containers=50]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { dockerProbes } from '../checks/docker/probes.ts';
import type { AnyProbe } from '../checks/registry.ts';
import { labContext } from '../fixtures/lab/context.ts';
import { importImage, LAB_IMAGE, startEngine } from '../fixtures/lab/docker-engine.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { defaultRubric } from '../policies/default-rubric.ts';
import { type Control, emptyInventory, type HostEntry, type Policy } from '../policies/types.ts';
import type { Row } from '../reporters/rows.ts';
import { writeReports } from '../reporters/run.ts';
import { subjectMetas } from '../specs/support/subject-metas.ts';
import { loadNote, measured, unmeasured } from './goals.ts';
import { median } from './measure.ts';

const HOSTS = Math.min(Number(process.argv[2] ?? 200), 400);
const CONTAINERS = Math.min(Number(process.argv[3] ?? 50), 100);
const ROUNDS = 3;
const GOAL_MS = 2000;
const CONTROL: Control = {
  id: 'AVA-DOCK-001',
  title: 'Containers are healthy',
  category: 'availability',
  severity: 'high',
  check: 'docker.health',
};

async function main() {
  const dir = labDir('bench-subjects');
  const engine = await startEngine({ name: 'subjects', bridge: 'br-rss', octet: 236, dir });
  try {
    await importImage(engine);
    for (let i = 0; i < CONTAINERS; i += 5)
      await Promise.all(
        Array.from({ length: Math.min(5, CONTAINERS - i) }, (_, k) => {
          const n = i + k;
          const health = n % 3 === 0 ? ['--health-cmd', 'true', '--health-interval', '60s'] : [];
          return engine.docker(
            ['run', '-d', '--name', `s${n}`, ...health, LAB_IMAGE, 'sleep', '86400'],
            60_000,
          );
        }),
      );
    const hosts: HostEntry[] = Array.from({ length: HOSTS }, (_, i) => ({
      name: `host-${String(i).padStart(3, '0')}`,
      transport: 'local',
      docker: { socket: engine.socket },
    }));
    const probe = dockerProbes.find((p) => p.name === CONTROL.check) as AnyProbe;
    const ctx = labContext({ baseDir: dir, inventory: { hosts }, probes: dockerProbes });
    const probeStart = performance.now();
    const rows: Row[] = [];
    for (const host of hosts) {
      const result = await probe.run(ctx, host, {});
      for (const { subject, result: r } of subjectMetas(result))
        rows.push({
          ...CONTROL,
          target: host.name,
          targetKind: 'host',
          subject,
          blocking: false,
          outcome: r.outcome,
          message: r.message,
          evidence: r.evidence,
          durationMs: 1,
        } as Row);
    }
    const probeMs = performance.now() - probeStart;
    await ctx.close();
    const subjects = rows.filter((r) => r.subject !== undefined).length;
    const policy: Policy = {
      name: 'bench-subjects',
      baseDir: dir,
      files: [],
      inventory: { ...emptyInventory(), hosts },
      rubric: defaultRubric,
      controls: [CONTROL],
      waivers: [],
      warnings: [],
    };
    const times: number[] = [];
    let grade = '';
    for (let round = 0; round < ROUNDS; round++) {
      const reportsDir = join(dir, `reports-${round}`);
      const t0 = performance.now();
      const written = await writeReports(rows, policy, { reportsDir, now: new Date() });
      times.push(performance.now() - t0);
      grade = written.report.card.grade.letter;
    }
    const ms = median(times);
    console.log(
      `subjects bench: ${HOSTS} hosts × ${CONTAINERS} containers = ${subjects} subjects (${rows.length} rows), ${loadNote()}`,
    );
    console.log(`  probing (setup, not graded time): ${(probeMs / 1000).toFixed(2)} s`);
    console.log(
      `  grading (writeReports): ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${ms.toFixed(0)} ms; grade ${grade}`,
    );
    const goal = `${HOSTS} hosts' containers as subjects (${(HOSTS * CONTAINERS).toLocaleString('en')}) graded < ${GOAL_MS / 1000} s`;
    if (subjects !== HOSTS * CONTAINERS)
      unmeasured(goal, `only ${subjects} of ${HOSTS * CONTAINERS} subjects were read from the engine`);
    else measured(goal, `${(ms / 1000).toFixed(2)} s (median of ${ROUNDS})`, ms < GOAL_MS);
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
