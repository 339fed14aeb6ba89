/**
 * Controls written in TypeScript, in a real vitest run of a fixture project served by a real
 * probe engine: graded like the others, and given the probe context only when the check
 * declares a parameter for it.
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
`,
  );
  writeFileSync(
    join(dir, 'capture.js'),
    `import { writeFileSync } from 'node:fs';
export default class { onTestRunEnd(modules) {
  const seen = {};
  for (const m of modules) for (const t of m.children.allTests()) seen[t.name] = { state: t.result().state, meta: t.meta().readyspec };
  writeFileSync(process.env.CAPTURE_FILE, JSON.stringify(seen));
} }
`,
  );
  writeFileSync(
    join(dir, 'vitest.config.js'),
    `export default { test: { include: ['c.spec.js'], globalSetup: ['./setup.js'], pool: 'threads', reporters: ['./capture.js'] } };\n`,
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
    expect(run.status).toBe(1);
  });
});
