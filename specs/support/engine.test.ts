import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { loadPolicy } from '../../policies/load.ts';
import type { ProbedMeta } from '../../reporters/meta.ts';
import type { CategoryRun } from './category-run.ts';
import { Engine } from './engine.ts';

const dir = join(labDir('engine'), 'policy');
mkdirSync(dir);
writeFileSync(
  join(dir, 'policy.yaml'),
  `inventory:
  hosts:
    - { name: a, transport: local }
    - { name: b, transport: local }
    - { name: c, transport: local }
controls:
  - { id: SEC-FILE-001, title: passwd mode, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
  - { id: REL-FILE-001, title: passwd mode on a, category: reliability, severity: low, check: host.file-mode, targets: [a], params: { path: /etc/passwd, maxMode: "644" } }
`,
);

function collect(run: CategoryRun): Promise<Map<number, ProbedMeta>> {
  return new Promise((resolve) => {
    const got = new Map<number, ProbedMeta>();
    run.listen((i, meta) => {
      got.set(i, meta);
      if (run.titled && got.size === run.titles.length) resolve(got);
    });
  });
}

/** The run's titles, once its collection checks (host.file-mode is one) are in. */
function titles(run: CategoryRun): Promise<string[]> {
  return new Promise((resolve) => run.whenTitled(() => resolve(run.titles)));
}

const engines: Engine[] = [];
afterAll(() => Promise.all(engines.map((e) => e.close())));

describe('Engine', () => {
  it('starts every category smallest first and streams each result to the one listener', async () => {
    const engine = new Engine(await loadPolicy(dir));
    engines.push(engine);
    expect(engine.startAll()).toEqual(['reliability', 'security']);
    const security = engine.take('security');
    // host.file-mode is a collection check; with one path it judges the target as a whole.
    expect(await titles(security)).toEqual([
      'SEC-FILE-001 passwd mode @ a',
      'SEC-FILE-001 passwd mode @ b',
      'SEC-FILE-001 passwd mode @ c',
    ]);
    // Results that settled before anyone listened are handed over on listen.
    await new Promise((r) => setTimeout(r, 200));
    const results = await collect(security);
    expect([...results.keys()].sort()).toEqual([0, 1, 2]);
    expect(results.get(1)).toMatchObject({
      id: 'SEC-FILE-001',
      target: 'b',
      targetKind: 'host',
      outcome: 'pass',
    });
    expect(() => security.listen(() => {})).toThrow('one listener');
    expect(() => engine.take('security')).toThrow('already handed to a worker');
    // Starting a category again never probes its targets twice.
    engine.start('security');
    const reliability = engine.take('reliability');
    expect((await collect(reliability)).get(0)).toMatchObject({ target: 'a', outcome: 'pass' });
  });

  it('starts a category when a worker takes it before the run started them all', async () => {
    const engine = new Engine(await loadPolicy(dir));
    engines.push(engine);
    const run = engine.take('reliability');
    expect(await titles(run)).toEqual(['REL-FILE-001 passwd mode on a @ a']);
    expect((await collect(run)).get(0)).toMatchObject({ outcome: 'pass' });
  });
});
