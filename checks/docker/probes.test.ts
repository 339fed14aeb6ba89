/**
 * Every docker probe against a real lab: "master" meets every rule, "lady" breaks each one.
 * Ends with the fault case: lady's engine stops in the middle of a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type DockerLab, startDockerLab } from '../../fixtures/lab/docker-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import { catalog } from '../catalog.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerProbes } from './probes.ts';

let lab: DockerLab;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  lab = await startDockerLab();
  ctx = labContext({ baseDir: lab.dir, inventory: { hosts: lab.hosts }, probes: dockerProbes });
});

afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
});

const host = (name: string): HostEntry => lab.hosts.find((h) => h.name === name)!;
const probe = (name: string): AnyProbe => dockerProbes.find((p) => p.name === name)!;

/** Each subject's outcome by name: what the auditor reads, one line per container. */
function verdicts(r: ProbeResult): Record<string, string> {
  return Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
}

type Case = [
  check: string,
  host: 'master' | 'lady',
  params: Record<string, unknown>,
  outcome: string,
  subjects: Record<string, string>,
];

const MASTER_OK = { web: 'pass', proxy: 'pass', worker: 'pass' };
const LADY_ALL = ['crashloop', 'fine', 'loose', 'oom', 'priv', 'sick', 'stopped'];
const ladyAll = (outcomes: Record<string, string>) =>
  Object.fromEntries(LADY_ALL.map((n) => [n, outcomes[n] ?? 'pass']));

const cases: Case[] = [
  ['docker.health', 'master', {}, 'pass', MASTER_OK],
  ['docker.health', 'lady', {}, 'fail', { fine: 'pass', sick: 'fail', loose: 'not-applicable' }],
  ['docker.health', 'lady', { exclude: ['sick'] }, 'pass', { fine: 'pass', loose: 'not-applicable' }],
  ['docker.health', 'lady', { include: ['loose'] }, 'not-applicable', { loose: 'not-applicable' }],
  ['docker.health', 'lady', { include: ['[fs]i*'] }, 'fail', { fine: 'pass', sick: 'fail' }],
  ['docker.health', 'lady', { include: ['!{sick,loose}'] }, 'pass', { fine: 'pass' }],
  ['docker.healthcheck', 'master', {}, 'pass', MASTER_OK],
  ['docker.healthcheck', 'lady', {}, 'fail', { fine: 'pass', sick: 'pass', loose: 'fail' }],
  ['docker.restart-policy', 'master', {}, 'pass', MASTER_OK],
  ['docker.restart-policy', 'lady', {}, 'fail', { fine: 'pass', sick: 'pass', loose: 'fail' }],
  [
    'docker.restart-policy',
    'master',
    { allowed: ['always'] },
    'fail',
    { web: 'pass', proxy: 'fail', worker: 'fail' },
  ],
  ['docker.limits', 'master', {}, 'pass', MASTER_OK],
  ['docker.limits', 'master', { cpu: true }, 'fail', { web: 'pass', proxy: 'fail', worker: 'fail' }],
  ['docker.limits', 'lady', {}, 'fail', { fine: 'pass', sick: 'pass', loose: 'fail' }],
  ['docker.oom', 'master', {}, 'pass', MASTER_OK],
  ['docker.oom', 'lady', {}, 'fail', ladyAll({ oom: 'fail' })],
  ['docker.restarts', 'master', { max: 0 }, 'pass', MASTER_OK],
  ['docker.restarts', 'lady', { max: 1 }, 'fail', ladyAll({ crashloop: 'fail' })],
  ['docker.restarts', 'lady', { max: 2 }, 'pass', ladyAll({})],
  ['docker.privileged', 'master', {}, 'pass', MASTER_OK],
  ['docker.privileged', 'lady', {}, 'fail', ladyAll({ priv: 'fail' })],
  ['docker.ports', 'master', {}, 'pass', { web: 'pass', proxy: 'pass', worker: 'not-applicable' }],
  ['docker.ports', 'lady', {}, 'fail', { fine: 'pass', sick: 'not-applicable', loose: 'fail' }],
  [
    'docker.ports',
    'master',
    { allowPorts: [] },
    'fail',
    { web: 'pass', proxy: 'fail', worker: 'not-applicable' },
  ],
  [
    'docker.ports',
    'lady',
    { allowAddresses: ['127.0.0.1', '0.0.0.0'] },
    'pass',
    { fine: 'pass', sick: 'not-applicable', loose: 'pass' },
  ],
];

describe('docker probes on the lab engines: one subject per container', () => {
  it.each(cases)('%s on %s %j → %s %j', async (check, name, params, outcome, subjects) => {
    const r = await probe(check).run(ctx, host(name), params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(verdicts(r)).toEqual(subjects);
    expect(r.evidence.source).toMatch(/^unix:\/\/.*docker\.sock$/);
    for (const s of r.subjects ?? []) {
      expect(s.message.startsWith(`${s.subject}: `), s.message).toBe(true);
      expect(s.evidence).toMatchObject({ container: s.subject, image: 'lab/busybox:1' });
      expect(typeof s.evidence.state).toBe('string');
    }
  });

  it('lists each binding of a container with its verdict', async () => {
    const r = await probe('docker.ports').run(ctx, host('lady'), {});
    const loose = r.subjects?.find((s) => s.subject === 'loose');
    expect(loose?.evidence.observed).toEqual([
      {
        binding: '0.0.0.0:8081->8080/tcp',
        allowed: false,
        reason: 'port 8081 published on every address, not in the allowed ports',
      },
      { binding: '127.0.0.1:8082->8080/tcp', allowed: true, reason: '127.0.0.1 is in the allowed addresses' },
    ]);
    expect(loose?.message).toBe(
      'loose: 1 of 2 binding(s) not allowed: 0.0.0.0:8081->8080/tcp (port 8081 published on every address, not in the allowed ports)',
    );
  });

  it('gives a stopped container its exit code wherever it is mentioned', async () => {
    const oom = await probe('docker.oom').run(ctx, host('lady'), {});
    const stopped = oom.subjects?.find((s) => s.subject === 'stopped');
    expect(stopped?.evidence).toMatchObject({ state: 'exited', exitCode: 3, oomKilled: false });
    expect(stopped?.evidence.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(stopped?.message).toMatch(/^stopped: not OOM-killed \(exited with code 3 at \d{4}-/);
    const killed = oom.subjects?.find((s) => s.subject === 'oom');
    expect(killed?.message).toMatch(
      /^oom: last exit was an OOM kill \(exited with code 0 at .*, OOM-killed\)/,
    );
    // Probes that judge running containers leave stopped ones out, and list them with their exits.
    const health = await probe('docker.health').run(ctx, host('lady'), {});
    const notRunning = health.evidence.notRunning as { container: string; exitCode: number | null }[];
    expect(notRunning.map((c) => c.container).sort()).toEqual(['crashloop', 'oom', 'priv', 'stopped']);
    expect(notRunning.find((c) => c.container === 'stopped')?.exitCode).toBe(3);
    expect(notRunning.find((c) => c.container === 'priv')).toMatchObject({
      state: 'created',
      exitCode: null,
    });
  });

  it('counts containers by state for claims, and by running or all for bounds', async () => {
    const r = await probe('docker.containers').run(ctx, host('lady'), { expected: ['fine', 'stopped'] });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(
      /^lady: not running: stopped \(exited with code 3 at .*\) \(3 running of 7, 3 exited\)$/,
    );
    expect(r.evidence).toMatchObject({
      total: 7,
      running: 3,
      exited: 3,
      created: 1,
      paused: 0,
      restarting: 0,
      dead: 0,
    });
    const exited = r.evidence.exitedContainers as { name: string; exitCode: number }[];
    expect(Object.fromEntries(exited.map((e) => [e.name, e.exitCode]))).toEqual({
      crashloop: 1,
      oom: 0,
      stopped: 3,
    });
    expect(
      (await probe('docker.containers').run(ctx, host('lady'), { count: 7, state: 'all' })).outcome,
    ).toBe('pass');
    expect((await probe('docker.containers').run(ctx, host('lady'), { count: 7 })).message).toContain(
      '3 running, expected 7',
    );
    expect(
      (
        await probe('docker.containers').run(ctx, host('master'), {
          expected: ['web', 'proxy', 'work*'],
          count: 3,
        })
      ).outcome,
    ).toBe('pass');
    expect((await probe('docker.containers').run(ctx, host('master'), { min: 4 })).outcome).toBe('fail');
    expect(
      (await probe('docker.containers').run(ctx, host('lady'), { expected: ['nobody-*'] })).message,
    ).toContain('no container matches nobody-*');
  });

  it('is not applicable on a host without a docker endpoint', async () => {
    const r = await probe('docker.health').run(ctx, { name: 'plain', transport: 'local' }, {});
    expect(r.outcome).toBe('not-applicable');
  });

  it('is registered in the catalog, collection probes with subjects', () => {
    for (const p of dockerProbes) {
      expect(catalog.get(p.name)).toBe(p);
      expect(Boolean(p.subjects), p.name).toBe(p.name !== 'docker.containers');
    }
  });
});

describe('fault: dockerd stops in the middle of a run', () => {
  it("gives error for the stopped engine's controls and grades the others", async () => {
    const run = labContext({
      baseDir: lab.dir,
      inventory: { hosts: lab.hosts },
      options: { timeoutMs: 2_000 },
      probes: dockerProbes,
    });
    const before = await probe('docker.health').run(run, host('master'), {});
    await lab.lady.stop();
    const started = Date.now();
    const results = await Promise.all(
      (dockerProbes as AnyProbe[])
        .filter((p) => p.name !== 'compose.ports')
        .flatMap((p) =>
          lab.hosts.map(
            async (h) =>
              [h.name, await p.run(run, h, p.name === 'docker.restarts' ? { max: 5 } : {})] as const,
          ),
        ),
    );
    await run.close();
    expect(before.outcome).toBe('pass');
    for (const [name, r] of results) {
      if (name === 'lady') {
        expect(r.outcome).toBe('error');
        expect(r.subjects).toBeUndefined();
        expect(r.message).toMatch(/lady: docker list containers via unix:\/\/.*(ENOENT|ECONNREFUSED)/);
      } else {
        expect(['pass', 'fail']).toContain(r.outcome);
      }
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('an engine endpoint that cannot be set up', () => {
  it('is an error naming the unreadable file, not a throw', async () => {
    const broken: HostEntry = {
      name: 'broken',
      transport: 'local',
      docker: { url: 'https://127.0.0.1:1', ca: '/nonexistent/ca.pem' },
    };
    const run = labContext({ baseDir: lab.dir, inventory: { hosts: [broken] }, probes: dockerProbes });
    const r = await probe('docker.oom').run(run, broken, {});
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('cannot read docker CA file /nonexistent/ca.pem');
  });
});
