/**
 * The control tests and readyspec's runner, in a real vitest run of a small fixture project:
 * every outcome takes the state the contract gives it, the meta and the waiver annotation
 * reach reporters, `-t` filters them like any test, and ordinary tests beside them still run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';

const root = resolve(import.meta.dirname, '../..');

interface Seen {
  name: string;
  state: string;
  errors: string[];
  note?: string;
  annotations: { type: string; message: string }[];
  meta: Record<string, unknown>;
}

const SPEC = `
import { describe, test, expect } from 'vitest';
import { registerControlTests } from '${join(root, 'specs/support/control-tests.ts')}';
const meta = (outcome, message, extra = {}) => ({ id: 'T-X-001', target: outcome, targetKind: 'endpoint', outcome, message, evidence: { observed: outcome }, durationMs: 7, ...extra });
const waiver = { justification: 'retired next sprint', owner: 'alice', approver: 'bob', expires: '2026-12-15', status: 'active' };
const lost = Promise.reject(new Error('readyspec: the probe engine closed the connection'));
lost.catch(() => {});
const arriving = [
    meta('pass', 'answered 200'), // already there: taken without waiting
    Promise.resolve(meta('fail', 'answered 500')),
    new Promise((r) => setTimeout(() => r(meta('error', 'connection refused')), Number(process.env.ERROR_DELAY_MS ?? 50))),
    Promise.resolve(meta('waived', 'no HSTS', { waiver })),
    Promise.resolve(meta('not-applicable', 'not protected')),
    lost,
];
describe('cat', () => registerControlTests(
  ['pass', 'fail', 'error', 'waived', 'not-applicable', 'lost'],
  { take: (i) => arriving[i] },
));
test('an ordinary test beside them', () => expect(1 + 1).toBe(2));
`;

const REPORTER = `
import { writeFileSync } from 'node:fs';
export default class Capture {
  onTestRunEnd(modules) {
    const seen = [];
    for (const m of modules) for (const t of m.children.allTests()) {
      const r = t.result();
      seen.push({ name: t.name, state: r.state, errors: (r.errors ?? []).map((e) => e.message), note: r.note,
        annotations: t.annotations().map((a) => ({ type: a.type, message: a.message })), meta: t.meta() });
    }
    writeFileSync(process.env.CAPTURE_FILE, JSON.stringify(seen));
  }
}
`;

// A failed control, then one whose result takes 1.5 s: vitest bails (--bail 1) meanwhile, and the
// control after them must not run. Every take() is logged.
const BAIL_SPEC = `
import { appendFileSync } from 'node:fs';
import { afterAll, describe } from 'vitest';
import { registerControlTests } from '${join(root, 'specs/support/control-tests.ts')}';
const log = (m) => appendFileSync(process.env.TAKE_LOG, m + '\\n');
const meta = (outcome) => ({ id: 'T-X-001', target: outcome, targetKind: 'host', outcome, message: 'm', evidence: {}, durationMs: 1 });
describe('cat', () => registerControlTests(['fail', 'slow', 'after'], {
  take: (i) => {
    log('take ' + i);
    return i === 0 ? meta('fail') : i === 1 ? new Promise((r) => setTimeout(() => r(meta('pass')), 1500)) : meta('pass');
  },
}));
afterAll(() => log('afterAll'));
`;

let dir: string;

beforeAll(() => {
  dir = labDir('control-tests');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'c.spec.js'), SPEC);
  writeFileSync(join(dir, 'capture.js'), REPORTER);
  writeFileSync(
    join(dir, 'vitest.config.js'),
    `export default { test: { include: ['c.spec.js'], runner: '${join(root, 'specs/support/audit-runner.ts')}', reporters: ['./capture.js'] } };\n`,
  );
  writeFileSync(join(dir, 'bail.spec.js'), BAIL_SPEC);
  writeFileSync(
    join(dir, 'bail.config.js'),
    `export default { test: { include: ['bail.spec.js'], runner: '${join(root, 'specs/support/audit-runner.ts')}', reporters: ['./capture.js'] } };\n`,
  );
  writeFileSync(
    join(dir, 'stock.config.js'),
    "export default { test: { include: ['c.spec.js'], reporters: ['default', './capture.js'] } };\n",
  );
});

let runs = 0;

function run(...args: string[]): { status: number | null; seen: Seen[]; output: string } {
  return runWith({}, ...args);
}

function runWith(
  env: Record<string, string>,
  ...args: string[]
): { status: number | null; seen: Seen[]; output: string } {
  const out = join(dir, `seen-${++runs}.json`);
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, CAPTURE_FILE: out },
  });
  const seen = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : [];
  return { status: r.status, seen, output: r.stdout + r.stderr };
}

describe('control tests run by readyspec', () => {
  it('give each outcome its state, with meta, cause, skip note and waiver annotation', () => {
    const { status, seen } = run();
    expect(status).toBe(1); // failed controls fail the run
    const by = (name: string) => seen.find((s) => s.name === name);
    expect(by('pass')).toMatchObject({ state: 'passed', errors: [], annotations: [] });
    expect(by('pass')?.meta).toMatchObject({ readyspec: { id: 'T-X-001', outcome: 'pass', durationMs: 7 } });
    expect(by('fail')).toMatchObject({
      state: 'failed',
      errors: ['T-X-001 failed on fail: answered 500'],
    });
    expect(by('error')).toMatchObject({
      state: 'failed',
      errors: ['T-X-001 could not be evaluated on error: connection refused'],
    });
    expect(by('waived')).toMatchObject({
      state: 'passed',
      annotations: [{ type: 'waiver', message: 'waived until 2026-12-15 by bob: no HSTS' }],
    });
    expect(by('not-applicable')).toMatchObject({ state: 'skipped', note: 'not protected' });
    // A result that never came (the engine went away) fails its test with the cause.
    expect(by('lost')).toMatchObject({
      state: 'failed',
      errors: ['readyspec: the probe engine closed the connection'],
    });
    expect(by('lost')?.meta).toEqual({});
    expect(by('an ordinary test beside them')).toMatchObject({ state: 'passed' });
  });

  it('are filtered by -t like any test', () => {
    const { status, seen } = run('-t', 'waived|ordinary');
    expect(status).toBe(0);
    const states = Object.fromEntries(seen.map((s) => [s.name, s.state]));
    expect(states).toEqual({
      pass: 'skipped',
      fail: 'skipped',
      error: 'skipped',
      waived: 'passed',
      'not-applicable': 'skipped',
      lost: 'skipped',
      'an ordinary test beside them': 'passed',
    });
  });

  it('stop at the next control test when the run is cancelled (--bail)', () => {
    const takeLog = join(dir, 'takes.log');
    runWith({ TAKE_LOG: takeLog }, '--config', 'bail.config.js', '--bail', '1');
    // The failed and the slow control ran; the one after the cancel did not take its result.
    expect(readFileSync(takeLog, 'utf8').trim().split('\n')).toEqual(['take 0', 'take 1', 'afterAll']);
  });

  it("refuse to register under vitest's stock runner, saying what to set", () => {
    const { status, seen, output } = run('--config', 'stock.config.js');
    expect(status).toBe(1);
    expect(output).toContain("the audit's spec files must run with readyspec's runner");
    expect(seen.map((s) => s.name)).toEqual([]); // the file failed to collect: no test ran
  });
});
