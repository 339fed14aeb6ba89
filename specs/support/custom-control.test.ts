/**
 * Controls written in TypeScript, in a real vitest run of a fixture project served by a real
 * probe engine: registered only when the policy names them, graded like the others, and given
 * the probe context only when the check declares a parameter for it. Then the shipped example
 * (REL-NODE-001) in a real audit: absent unless the policy names it, judged on the run's date.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';

const root = resolve(import.meta.dirname, '../..');
const src = (f: string) => join(root, 'specs/support', f);

let dir: string;

beforeAll(() => {
  dir = labDir('custom-control');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(dir, 'policy'));
  writeFileSync(
    join(dir, 'policy', 'policy.yaml'),
    `inventory:
  hosts: [{ name: local, transport: local }]
controls:
  - { id: SEC-FILE-001, title: passwd mode, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
`,
  );
  writeFileSync(
    join(dir, 'setup.js'),
    `import { loadPolicy } from '${join(root, 'policies/load.ts')}';
import { Engine } from '${src('engine.ts')}';
import { serveEngine } from '${src('engine-server.ts')}';
export default async function (project) {
  const engine = new Engine(await loadPolicy(process.env.READYSPEC_POLICY));
  const server = await serveEngine(engine);
  project.provide('readyspec:engine', server.path);
  project.provide('readyspec:custom', ['REL-CUS-001', 'REL-CUS-002', 'REL-CUS-003', 'REL-CUS-004']);
  return async () => { await server.close(); await engine.close(); };
}
`,
  );
  writeFileSync(
    join(dir, 'c.spec.js'),
    `import { fail, pass } from '${join(root, 'checks/probe.ts')}';
import { defineControl } from '${src('custom-control.ts')}';
const base = { category: 'reliability', severity: 'low', target: 'runner' };
defineControl({ ...base, id: 'REL-CUS-001', title: 'no context' }, async () => pass('fine', { observed: 1 }));
defineControl({ ...base, id: 'REL-CUS-002', title: 'with context' }, async (ctx) =>
  pass(\`\${ctx.policy.inventory.hosts.length} host(s)\`, { observed: ctx.policy.inventory.hosts.map((h) => h.name) }));
defineControl({ ...base, id: 'REL-CUS-003', title: 'failing check' }, async () => fail('too old', { observed: 18 }));
defineControl({ ...base, id: 'REL-CUS-004', title: 'context not declared' }, async (...args) => pass(String(args[0].policy), {}));
defineControl({ ...base, id: 'REL-CUS-005', title: 'not named' }, async () => { throw new Error('must never run'); });
`,
  );
  writeFileSync(
    join(dir, 'capture.js'),
    `import { writeFileSync } from 'node:fs';
export default class { onTestRunEnd(modules) {
  const seen = {};
  for (const m of modules) for (const t of m.children.allTests()) seen[t.name] = { state: t.result().state, meta: t.meta().readyspec };
  writeFileSync(process.env.CAPTURE_FILE, JSON.stringify(seen));
  const files = Object.fromEntries(modules.map((m) => [m.relativeModuleId, { state: m.state(), tests: [...m.children.allTests()].length }]));
  writeFileSync(process.env.CAPTURE_FILE + '.modules', JSON.stringify(files));
} }
`,
  );
  // Every control of this file is left out by the policy: the file registers no test.
  writeFileSync(
    join(dir, 'unnamed.spec.js'),
    `import { pass } from '${join(root, 'checks/probe.ts')}';
import { defineControl } from '${src('custom-control.ts')}';
defineControl({ id: 'REL-CUS-009', title: 'never named', category: 'reliability', severity: 'low', target: 'runner' }, async () => pass('x', {}));
`,
  );
  writeFileSync(
    join(dir, 'vitest.config.js'),
    `export default { test: { include: ['*.spec.js'], passWithNoTests: true, globalSetup: ['./setup.js'], pool: 'threads', reporters: ['./capture.js'] } };\n`,
  );
});

describe('defineControl', () => {
  it('grades, and hands the probe context only to checks that take it', () => {
    const out = join(dir, 'seen.json');
    const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        CAPTURE_FILE: out,
        READYSPEC_POLICY: join(dir, 'policy'),
        READYSPEC_NOW: '2026-11-23T12:00:00Z',
      },
    });
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    expect(seen['REL-CUS-001 no context @ runner']).toMatchObject({
      state: 'passed',
      meta: { id: 'REL-CUS-001', check: 'custom', outcome: 'pass', blocking: false, category: 'reliability' },
    });
    expect(seen['REL-CUS-002 with context @ runner']).toMatchObject({
      state: 'passed',
      meta: { message: '1 host(s)', evidence: { observed: ['local'] } },
    });
    expect(seen['REL-CUS-003 failing check @ runner']).toMatchObject({
      state: 'failed',
      meta: { outcome: 'fail', message: 'too old' },
    });
    expect(seen['REL-CUS-004 context not declared @ runner']).toMatchObject({
      state: 'failed',
      meta: { outcome: 'error' },
    });
    expect(seen['REL-CUS-004 context not declared @ runner'].meta.message).toContain(
      'its check declares no parameter, so it gets no probe context (read policy); write it as async (ctx) =>',
    );
    expect(Object.keys(seen).sort()).toEqual([
      'REL-CUS-001 no context @ runner',
      'REL-CUS-002 with context @ runner',
      'REL-CUS-003 failing check @ runner',
      'REL-CUS-004 context not declared @ runner',
    ]);
    expect(JSON.parse(readFileSync(`${out}.modules`, 'utf8'))['unnamed.spec.js']).toEqual({
      state: 'passed',
      tests: 0,
    });
    expect(run.status).toBe(1);
  });
});

describe('the shipped REL-NODE-001 in a real audit', () => {
  const audit = (policyText: string, now: string) => {
    const policy = join(dir, `policy-${now.slice(0, 10)}-${policyText.length}.yaml`);
    writeFileSync(policy, policyText);
    const reports = join(dir, `reports-${now.slice(0, 10)}-${policyText.length}`);
    const run = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'audit'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports, READYSPEC_NOW: now },
    });
    const results = JSON.parse(readFileSync(join(reports, now.slice(0, 10), 'results.json'), 'utf8'));
    return { run, results, reports };
  };
  const base = `inventory:
  hosts: [{ name: local, transport: local }]
controls:
  - { id: SEC-FILE-001, title: passwd mode, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
`;

  it('is absent from a policy that does not name it', { timeout: 120_000 }, () => {
    const { results, reports } = audit(base, '2026-12-02T12:00:00Z');
    expect(results.controls.map((c: { id: string }) => c.id)).toEqual(['SEC-FILE-001']);
    const assessment = readFileSync(
      join(reports, '2026-12-02', 'PRODUCTION_READY_ASSESSMENT_2026-12-02.md'),
      'utf8',
    );
    expect(assessment).not.toContain('REL-NODE-001');
  });

  it(
    'judges the running Node.js on the run date from the release schedule',
    { timeout: 120_000 },
    async () => {
      const { nodeSupport, releaseSchedule } = await import('../custom/node-support.ts');
      const now = '2026-12-02T12:00:00Z';
      const { results } = audit(`${base}custom: [REL-NODE-001]\n`, now);
      const row = results.controls.find((c: { id: string }) => c.id === 'REL-NODE-001');
      const expected = nodeSupport(process.versions.node, new Date(now), releaseSchedule());
      expect(row).toMatchObject({
        category: 'reliability',
        target: 'audit-runner',
        outcome: expected.outcome,
        message: expected.message,
      });
      // On Node 20 (this project's CI): past its end of life on that date, with the date in evidence.
      if (process.versions.node.startsWith('20.')) {
        expect(row).toMatchObject({
          outcome: 'fail',
          evidence: { endOfLife: '2026-04-30', runDate: '2026-12-02' },
        });
        expect(row.message).toContain('reached end of life on 2026-04-30');
      }
    },
  );
});
