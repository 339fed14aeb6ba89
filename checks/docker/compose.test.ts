/**
 * compose.ports on compose files read through the host transport (no engine needed): one
 * subject per service, each binding with its verdict and line.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { writeComposeFiles } from '../../fixtures/lab/docker-lab.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerProbes } from './probes.ts';

let lab: { dir: string; compose: { good: string; bad: string } };
let ctx: ReturnType<typeof labContext>;
const hosts: HostEntry[] = [
  { name: 'master', transport: 'local' },
  { name: 'lady', transport: 'local' },
];

beforeAll(() => {
  const dir = labDir('compose');
  lab = { dir, compose: writeComposeFiles(dir) };
  ctx = labContext({ baseDir: dir, inventory: { hosts }, probes: dockerProbes });
});

afterAll(async () => {
  await ctx?.close();
  if (lab) rmSync(lab.dir, { recursive: true, force: true });
});

const host = (name: string): HostEntry => hosts.find((h) => h.name === name)!;
const probe = (name: string): AnyProbe => dockerProbes.find((p) => p.name === name)!;
function notYaml(): string {
  const file = `${lab.dir}/not-yaml.yml`;
  writeFileSync(file, 'services: [unclosed\n  web: {\n');
  return file;
}

const verdicts = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));

describe('compose.ports on compose files read through the host transport', () => {
  it('passes the good file, one subject per service', async () => {
    const r = await probe('compose.ports').run(ctx, host('master'), { files: [lab.compose.good] });
    expect(r.outcome, r.message).toBe('pass');
    expect(verdicts(r)).toEqual({ web: 'pass', db: 'pass', worker: 'not-applicable' });
    const published = Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.evidence.published]));
    expect(published).toEqual({ web: 6, db: 2, worker: 0 });
    expect(r.subjects?.[0].evidence).toMatchObject({ file: lab.compose.good, line: 2, service: 'web' });
  });

  it('fails the bad services and names every offending entry with its line', async () => {
    const r = await probe('compose.ports').run(ctx, host('lady'), {
      files: [lab.compose.good, lab.compose.bad],
    });
    expect(r.outcome).toBe('fail');
    expect(verdicts(r)).toEqual({
      web: 'pass',
      db: 'pass',
      worker: 'not-applicable',
      app: 'fail',
      api: 'fail',
    });
    const bad = (r.subjects ?? []).flatMap((s) =>
      (s.evidence.observed as { allowed: boolean; declared: string; line: number }[])
        .filter((o) => !o.allowed)
        .map((o) => `${s.subject} ${o.declared} @${o.line}`),
    );
    expect(bad).toEqual([
      'app 8080:80 @5',
      'app 0.0.0.0:5432:5432 @6',
      'app [::]:9090:9090 @7',
      'app 3000 @8',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose variable, as written in the file
      'api ${API_PORT:-8000}:8000 @12',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose variable, as written in the file
      'api ${UNSET_PORT}:81 @13',
      'api {"target":80,"published":"8443-8444"} @14',
    ]);
    const api = r.subjects?.find((s) => s.subject === 'api');
    expect(api?.evidence).toMatchObject({
      file: lab.compose.bad,
      line: 9,
      source: `lady:${lab.compose.bad}:9`,
    });
  });

  it('judges only the ports a service check names', async () => {
    const r = await probe('compose.ports').run(ctx, host('lady'), {
      files: [lab.compose.bad],
      ports: [5432],
    });
    expect(verdicts(r)).toEqual({ app: 'fail', api: 'not-applicable' });
    expect(r.subjects?.[0].evidence.observed).toEqual([
      expect.objectContaining({ declared: '0.0.0.0:5432:5432', line: 6, allowed: false }),
    ]);
    expect(r.subjects?.[1].message).toMatch(/^api: publishes none of ports 5432 \(/);
  });

  it('judges the readable files and gives an unreadable one its own error subject', async () => {
    const absent = `${lab.dir}/absent.yml`;
    const r = await probe('compose.ports').run(ctx, host('master'), { files: [lab.compose.good, absent] });
    expect(verdicts(r)).toEqual({ web: 'pass', db: 'pass', worker: 'not-applicable', [absent]: 'error' });
    expect(r.subjects?.at(-1)?.message).toMatch(/^cannot read .*absent\.yml: .*No such file/);
  });

  it('qualifies a service two files define by its file, and reads a file named twice once', async () => {
    const copy = `${lab.dir}/copy-compose.yml`;
    copyFileSync(lab.compose.good, copy);
    const files = [lab.compose.good, copy, lab.compose.good];
    const r = await probe('compose.ports').run(ctx, host('master'), { files });
    expect(Object.keys(verdicts(r)).sort()).toEqual(
      [lab.compose.good, copy].flatMap((f) => ['web', 'db', 'worker'].map((s) => `${f} ${s}`)).sort(),
    );
  });

  it.each([
    ['a missing file', () => `${lab.dir}/absent.yml`, /cannot read .*absent\.yml/],
    ['a file that is not YAML', () => notYaml(), /not valid compose YAML/],
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
