/**
 * One finding per container, against a real engine of five: `web` healthy on 127.0.0.21
 * (loopback, not public), `api` healthy on 0.0.0.0:8080, `sick` unhealthy, `job` exited with
 * code 3, `plain` running with nothing configured. Each probe's verdict on each container is
 * exactly what an auditor must read on that container's line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type FiveContainers, startFiveContainers } from '../../fixtures/lab/docker-five.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerProbes } from './probes.ts';

let five: FiveContainers;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  five = await startFiveContainers('five', 239);
  ctx = labContext({ baseDir: five.dir, inventory: { hosts: [five.host] }, probes: dockerProbes });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await five?.stop();
});

const run = (check: string, params: Record<string, unknown> = {}): Promise<ProbeResult> =>
  (dockerProbes as AnyProbe[]).find((p) => p.name === check)!.run(ctx, five.host, params);

const verdicts = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
const of = (r: ProbeResult, name: string) => r.subjects?.find((s) => s.subject === name);

describe('five containers, one verdict each', () => {
  it.each<[string, Record<string, unknown>, string, Record<string, string>]>([
    ['docker.health', {}, 'fail', { api: 'pass', plain: 'not-applicable', sick: 'fail', web: 'pass' }],
    ['docker.healthcheck', {}, 'fail', { api: 'pass', plain: 'fail', sick: 'pass', web: 'pass' }],
    ['docker.restart-policy', {}, 'fail', { api: 'pass', plain: 'fail', sick: 'pass', web: 'pass' }],
    ['docker.limits', { cpu: true }, 'fail', { api: 'pass', plain: 'fail', sick: 'pass', web: 'pass' }],
    [
      'docker.ports',
      {},
      'fail',
      { api: 'fail', plain: 'not-applicable', sick: 'not-applicable', web: 'pass' },
    ],
    [
      'docker.ports',
      { allowPorts: [8080] },
      'pass',
      { api: 'pass', plain: 'not-applicable', sick: 'not-applicable', web: 'pass' },
    ],
    [
      'docker.ports',
      { allowAddresses: ['127.0.0.1'] },
      'fail',
      { api: 'fail', plain: 'not-applicable', sick: 'not-applicable', web: 'fail' },
    ],
    [
      'docker.ports',
      { ports: [8081] },
      'pass',
      { api: 'not-applicable', plain: 'not-applicable', sick: 'not-applicable', web: 'pass' },
    ],
    ['docker.ports', { ports: [8080], include: ['api'] }, 'fail', { api: 'fail' }],
    ['docker.oom', {}, 'pass', { api: 'pass', job: 'pass', plain: 'pass', sick: 'pass', web: 'pass' }],
    [
      'docker.restarts',
      { max: 0 },
      'pass',
      { api: 'pass', job: 'pass', plain: 'pass', sick: 'pass', web: 'pass' },
    ],
    ['docker.privileged', {}, 'pass', { api: 'pass', job: 'pass', plain: 'pass', sick: 'pass', web: 'pass' }],
    ['docker.health', { include: ['{web,api}'] }, 'pass', { api: 'pass', web: 'pass' }],
    ['docker.health', { exclude: ['[sp]*'] }, 'pass', { api: 'pass', web: 'pass' }],
  ])('%s %j → %s, per container %j', async (check, params, outcome, expected) => {
    const r = await run(check, params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(verdicts(r)).toEqual(expected);
    // The summary counts what the subjects say, and never passes with a failing subject.
    const failed = Object.values(expected).filter((o) => o === 'fail').length;
    expect(r.evidence.failed).toBe(failed);
    expect(r.message).toMatch(
      new RegExp(
        `^five: ${Object.values(expected).filter((o) => o === 'pass').length} of ${Object.keys(expected).length} `,
      ),
    );
  });

  it('says of each container what was observed, what was expected, its image and state', async () => {
    const health = await run('docker.health');
    expect(of(health, 'sick')).toMatchObject({
      message: 'sick: unhealthy',
      evidence: {
        container: 'sick',
        image: 'lab/busybox:1',
        state: 'running',
        observed: 'unhealthy',
        expected: 'healthy',
      },
    });
    expect(of(health, 'plain')?.message).toBe('plain: defines no healthcheck, health not judged');
    const ports = await run('docker.ports');
    expect(of(ports, 'web')).toMatchObject({
      outcome: 'pass',
      message:
        'web: 1 binding(s) allowed: 127.0.0.21:8081->8080/tcp (127.0.0.21 is in the allowed addresses)',
      evidence: {
        observed: [{ binding: '127.0.0.21:8081->8080/tcp', allowed: true }],
        expected: { allowAddresses: ['loopback'] },
      },
    });
    expect(of(ports, 'api')?.message).toBe(
      'api: 1 of 1 binding(s) not allowed: 0.0.0.0:8080->8080/tcp (port 8080 published on every address, not in the allowed ports)',
    );
    const limits = await run('docker.limits', { cpu: true });
    expect(of(limits, 'plain')).toMatchObject({
      message: 'plain: no memory or cpu limit',
      evidence: { observed: { memory: 0, nanoCpus: 0, cpuQuota: 0 }, expected: ['memory', 'cpu'] },
    });
    expect(of(limits, 'web')?.message).toBe('web: limited (memory 33554432 bytes, 0.5 CPUs)');
  });

  it('gives the exited container its exit code wherever it is mentioned', async () => {
    const oom = await run('docker.oom');
    expect(of(oom, 'job')?.evidence).toMatchObject({
      container: 'job',
      state: 'exited',
      exitCode: 3,
      oomKilled: false,
    });
    expect(of(oom, 'job')?.message).toMatch(/^job: not OOM-killed \(exited with code 3 at \d{4}-\d\d-\d\dT/);
    for (const check of [
      'docker.health',
      'docker.healthcheck',
      'docker.restart-policy',
      'docker.limits',
      'docker.ports',
    ]) {
      const r = await run(check);
      expect(of(r, 'job'), check).toBeUndefined();
      expect(r.evidence.notRunning, check).toEqual([
        expect.objectContaining({ container: 'job', state: 'exited', exitCode: 3, oomKilled: false }),
      ]);
      expect(r.evidence.notRunningCount, check).toBe(1);
    }
  });

  it('counts the host: total and per state, for claims and for bounds', async () => {
    const r = await run('docker.containers', { expected: ['web', 'job'] });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(
      /^five: not running: job \(exited with code 3 at .+\) \(4 running of 5, 1 exited\)$/,
    );
    expect(r.subjects).toBeUndefined();
    expect(r.evidence).toMatchObject({
      total: 5,
      running: 4,
      exited: 1,
      created: 0,
      paused: 0,
      restarting: 0,
      removing: 0,
      dead: 0,
      exitedContainers: [expect.objectContaining({ name: 'job', exitCode: 3, oomKilled: false })],
    });
    expect((await run('docker.containers', { count: 5, state: 'all' })).outcome).toBe('pass');
    expect((await run('docker.containers', { count: 4 })).outcome).toBe('pass');
    const bounded = await run('docker.containers', { min: 5 });
    expect(bounded.outcome).toBe('fail');
    expect(bounded.message).toContain('4 running, at least 5 expected');
    expect((await run('docker.containers', { max: 4, state: 'all' })).message).toContain(
      '5 containers, at most 4 allowed',
    );
  });
});
