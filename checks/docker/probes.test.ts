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

/** Names the evidence lists as offending (containers, or compose services). */
function offenders(r: ProbeResult): string[] {
  const observed = r.evidence.observed;
  if (!Array.isArray(observed)) return (r.evidence.missing as string[] | undefined) ?? [];
  return [
    ...new Set(
      observed.map(
        (o) => (o as { name?: string; service?: string }).name ?? (o as { service: string }).service,
      ),
    ),
  ];
}

type Case = [
  check: string,
  host: 'master' | 'lady',
  params: Record<string, unknown>,
  outcome: string,
  offenders: string[],
];

const cases: Case[] = [
  ['docker.containers', 'master', { expected: ['web', 'proxy', 'work*'], count: 3 }, 'pass', []],
  ['docker.containers', 'lady', { expected: ['fine', 'stopped'] }, 'fail', ['stopped']],
  ['docker.containers', 'master', { min: 4 }, 'fail', []],
  ['docker.containers', 'lady', { max: 2 }, 'fail', []],
  ['docker.health', 'master', {}, 'pass', []],
  ['docker.health', 'lady', {}, 'fail', ['sick']],
  ['docker.health', 'lady', { exclude: ['sick'] }, 'pass', []],
  ['docker.health', 'lady', { include: ['loose'] }, 'not-applicable', []],
  ['docker.healthcheck', 'master', {}, 'pass', []],
  ['docker.healthcheck', 'lady', {}, 'fail', ['loose']],
  ['docker.restart-policy', 'master', {}, 'pass', []],
  ['docker.restart-policy', 'lady', {}, 'fail', ['loose']],
  ['docker.restart-policy', 'master', { allowed: ['always'] }, 'fail', ['proxy', 'worker']],
  ['docker.limits', 'master', {}, 'pass', []],
  ['docker.limits', 'master', { cpu: true }, 'fail', ['proxy', 'worker']],
  ['docker.limits', 'lady', {}, 'fail', ['loose']],
  ['docker.oom', 'master', {}, 'pass', []],
  ['docker.oom', 'lady', {}, 'fail', ['oom']],
  ['docker.restarts', 'master', { max: 0 }, 'pass', []],
  ['docker.restarts', 'lady', { max: 1 }, 'fail', ['crashloop']],
  ['docker.restarts', 'lady', { max: 2 }, 'pass', []],
  ['docker.privileged', 'master', {}, 'pass', []],
  ['docker.privileged', 'lady', {}, 'fail', ['priv']],
  ['docker.ports', 'master', {}, 'pass', []],
  ['docker.ports', 'lady', {}, 'fail', ['loose']],
  ['docker.ports', 'master', { allowPorts: [] }, 'fail', ['proxy']],
  ['docker.ports', 'lady', { allowAddresses: ['127.0.0.1', '0.0.0.0'] }, 'pass', []],
];

describe('docker probes on the lab engines', () => {
  it.each(cases)('%s on %s %j → %s %j', async (check, name, params, outcome, bad) => {
    const r = await probe(check).run(ctx, host(name), params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(offenders(r).sort()).toEqual([...bad].sort());
    expect(r.evidence.source).toMatch(/^unix:\/\/.*docker\.sock$/);
    for (const b of bad) expect(r.message).toContain(b);
  });

  it('names the offending bindings of a container', async () => {
    const r = await probe('docker.ports').run(ctx, host('lady'), {});
    expect(r.evidence.observed).toEqual([
      {
        name: 'loose',
        binding: '0.0.0.0:8081->8080/tcp',
        reason: 'port 8081 published on every address, not in the allowed ports',
      },
    ]);
  });

  it('lists unhealthy containers with their health', async () => {
    const r = await probe('docker.health').run(ctx, host('lady'), {});
    expect(r.evidence.observed).toEqual([{ name: 'sick', health: 'unhealthy' }]);
  });

  it('is not applicable on a host without a docker endpoint', async () => {
    const r = await probe('docker.health').run(ctx, { name: 'plain', transport: 'local' }, {});
    expect(r.outcome).toBe('not-applicable');
  });

  it('is registered in the catalog', () => {
    for (const p of dockerProbes) expect(catalog.get(p.name)).toBe(p);
  });
});

describe('compose.ports on compose files read through the host transport', () => {
  it('passes the good file', async () => {
    const r = await probe('compose.ports').run(ctx, host('master'), { files: [lab.compose.good] });
    expect(r.outcome, r.message).toBe('pass');
    expect(r.evidence.published).toBe(8);
  });

  it('fails the bad file and names every offending entry', async () => {
    const r = await probe('compose.ports').run(ctx, host('lady'), {
      files: [lab.compose.good, lab.compose.bad],
    });
    expect(r.outcome).toBe('fail');
    const declared = (r.evidence.observed as { service: string; declared: string }[]).map(
      (o) => `${o.service} ${o.declared}`,
    );
    expect(declared).toEqual([
      'app 8080:80',
      'app 0.0.0.0:5432:5432',
      'app [::]:9090:9090',
      'app 3000',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose variable, as written in the file
      'api ${API_PORT:-8000}:8000',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose variable, as written in the file
      'api ${UNSET_PORT}:81',
      'api {"target":80,"published":"8443-8444"}',
    ]);
  });

  it.each([
    ['a missing file', () => `${lab.dir}/absent.yml`, /cannot read .*absent\.yml/],
    ['a file that is not YAML', () => `${lab.dir}/master/dockerd.log`, /not valid compose YAML|cannot read/],
  ])('is an error on %s', async (_, file, message) => {
    const r = await probe('compose.ports').run(ctx, host('master'), { files: [file()] });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });

  it('plans one read-only cat per file, quoted', () => {
    const plan = probe('compose.ports').plan!(host('master'), { files: ['/srv/a b.yml'] });
    expect(plan).toEqual([{ template: 'cat -- {}', script: "cat -- '/srv/a b.yml'" }]);
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
