/**
 * The reporter inside real vitest runs: rows from test meta (and from crashed tests), nothing
 * written for `self` runs or a bad policy, and sharded blob runs merged with --merge-reports
 * grading exactly like a single run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';
import { expectValidResults } from './expect-results.ts';
import type { Results } from './results.ts';

const root = resolve(import.meta.dirname, '..');
const NOW = '2026-01-15T10:00:00Z';
const DAY = '2026-01-15';

function vitest(args: string[], env: Record<string, string>, cwd = root) {
  const run = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, READYSPEC_NOW: NOW, READYSPEC_TIMEOUT_MS: '3000', ...env },
  });
  return { ...run, out: `${run.stdout}\n${run.stderr}` };
}

function readResults(reports: string): Results {
  return JSON.parse(readFileSync(join(reports, DAY, 'results.json'), 'utf8')) as Results;
}

/** Files under a directory, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** A written file with the run's measured duration replaced (results.json and every document's header). */
function unmeasured(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/("durationMs": ?)\d+/g, '$1#')
    .replace(/ · took \d[\d.]* (?:s|min \d+ s)/g, ' · took #');
}

let dir: string;
let policy: string;

beforeAll(() => {
  dir = labDir('grade-reporter');
  policy = join(dir, 'policy');
  mkdirSync(policy);
  // Local-machine controls whose outcomes are stable on any Linux host.
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  hosts:
    - { name: local, transport: local }
  phases:
    - { name: phase-1, title: Baseline, closed: true }
controls:
  - { id: SEC-FILE-001, title: passwd not world-writable, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: '644' }, phase: phase-1 }
  - { id: SEC-FILE-002, title: passwd owner-only (waived), category: security, severity: medium, check: host.file-mode, params: { path: /etc/passwd, maxMode: '600' } }
  # Not host.disk: a live figure (disk use moves between the runs) is no test of merging.
  - { id: REL-FILE-001, title: group file not world-writable, category: reliability, severity: high, check: host.file-mode, params: { path: /etc/group, maxMode: '644' } }
  - { id: BAK-FILE-001, title: missing backup dir is fresh (fails), category: backup-dr, severity: medium, check: host.file-age, params: { path: /nonexistent/readyspec-backups, maxAgeHours: 24 }, phase: phase-1 }
waivers:
  - { control: SEC-FILE-002, target: local, justification: deliberately strict rule, owner: alice, approver: bob, expires: '2026-02-01' }
`,
  );
});

describe('sharded runs merged with --merge-reports', () => {
  it('grade, controls and every document equal a single run', { timeout: 240_000 }, () => {
    const env = { READYSPEC_POLICY: policy };
    const single = vitest(['--project', 'audit'], { ...env, READYSPEC_REPORTS: join(dir, 'single') });
    expect(single.out).toContain('Grade');
    const blobs = join(dir, 'blobs');
    for (const i of [1, 2]) {
      const shard = vitest(
        [
          '--project',
          'audit',
          `--shard=${i}/2`,
          '--reporter=blob',
          `--outputFile=${join(blobs, `blob-${i}.json`)}`,
        ],
        {
          ...env,
          READYSPEC_REPORTS: join(dir, `shard-${i}`),
        },
      );
      expect(shard.out).toContain('blob report written');
      // A shard alone is not the run: the blob reporter replaces ours, nothing is graded.
      expect(existsSync(join(dir, `shard-${i}`))).toBe(false);
    }
    const merged = vitest([`--merge-reports=${blobs}`], { ...env, READYSPEC_REPORTS: join(dir, 'merged') });
    expect(merged.out).toContain('Grade');

    expectValidResults(join(dir, 'single'));
    expectValidResults(join(dir, 'merged'));
    const a = readResults(join(dir, 'single'));
    const b = readResults(join(dir, 'merged'));
    // The policy's controls (specs/custom may add TypeScript controls of its own).
    expect(a.controls.map((c) => `${c.id}:${c.outcome}`)).toEqual(
      expect.arrayContaining([
        'BAK-FILE-001:fail',
        'REL-FILE-001:pass',
        'SEC-FILE-001:pass',
        'SEC-FILE-002:waived',
      ]),
    );
    expect(b.grade).toEqual(a.grade);
    expect(b.decision).toEqual(a.decision);
    expect(b.categories).toEqual(a.categories);
    expect(b.controls).toEqual(a.controls);
    const files = tree(join(dir, 'single'));
    expect(tree(join(dir, 'merged'))).toEqual(files);
    expect(files).toContain(`${DAY}/phase-1/USER_ACCEPTANCE.md`);
    expect(files).toContain(`${DAY}/readyspec.sarif`);
    // Byte for byte but for the run's measured duration (provenance; the start is READYSPEC_NOW).
    for (const f of files)
      expect(unmeasured(join(dir, 'merged', f)), f).toBe(unmeasured(join(dir, 'single', f)));
  });
});

describe('rows from a real vitest run', () => {
  let work: string;
  beforeAll(() => {
    work = labDir('grade-rows');
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    const meta = (id: string, outcome: string) =>
      JSON.stringify({
        id,
        title: `control ${id}`,
        category: 'security',
        severity: 'high',
        check: 'custom.check',
        target: 'box',
        targetKind: 'custom',
        blocking: false,
        outcome,
        message: `${id} ${outcome}`,
        evidence: { token: 'do-not-print', observed: 1 },
        durationMs: 1,
      });
    mkdirSync(join(work, 'specs'));
    writeFileSync(
      join(work, 'specs', 'security.spec.ts'),
      `import { expect, test } from 'vitest';
test('passes', ({ task }) => { task.meta.readyspec = ${meta('SEC-OK-001', 'pass')}; });
test('fails', ({ task }) => { task.meta.readyspec = ${meta('SEC-BAD-001', 'fail')}; expect(1).toBe(2); });
test('crashes before meta', () => { throw new Error('probe module exploded'); });
test('passes, then an assertion breaks', ({ task }) => { task.meta.readyspec = ${meta('SEC-ODD-001', 'pass')}; throw new Error('hook broke'); });
`,
    );
    writeFileSync(
      join(work, 'own.test.ts'),
      `import { test } from 'vitest';\ntest('self test', () => {});\n`,
    );
    writeFileSync(
      join(work, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { reporters: [${JSON.stringify(join(root, 'reporters/grade-reporter.ts'))}], projects: [
  { test: { name: 'audit', include: ['specs/**/*.spec.ts'] } },
  { test: { name: 'self', include: ['*.test.ts'] } },
] } });
`,
    );
  });

  it(
    'reads meta, turns crashed tests into error rows, and ignores the self project',
    { timeout: 60_000 },
    () => {
      const reports = join(work, 'reports');
      const run = vitest([], { READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports }, work);
      expectValidResults(reports);
      const results = readResults(reports);
      expect(results.controls.map((c) => [c.id, c.outcome, c.message])).toEqual([
        ['SEC-BAD-001', 'fail', 'SEC-BAD-001 fail'],
        ['SEC-ODD-001', 'error', 'test failed after evaluation: hook broke'],
        ['SEC-OK-001', 'pass', 'SEC-OK-001 pass'],
        ['crashes before meta', 'error', 'crashed before reporting: probe module exploded'],
      ]);
      expect(results.controls[3]).toMatchObject({ category: 'security', target: 'security.spec.ts' });
      // Evidence is redacted in what is written and printed.
      expect(results.controls[0].evidence).toEqual({ token: '[REDACTED]', observed: 1 });
      expect(readFileSync(join(reports, DAY, `PRODUCTION_READY_ASSESSMENT_${DAY}.md`), 'utf8')).not.toContain(
        'do-not-print',
      );
      // 2 inconclusive of 4 evaluated: over the 10% gate.
      expect(results.grade.letter).toBe('INCOMPLETE');
      expect(run.out).toContain('Grade     INCOMPLETE');
      expect(run.out).toContain(`reports/${DAY}/results.json`);
    },
  );

  it('writes nothing for a self-only run', { timeout: 60_000 }, () => {
    const reports = join(work, 'reports-self');
    const run = vitest(['--project', 'self'], { READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports }, work);
    expect(run.status).toBe(0);
    expect(existsSync(reports)).toBe(false);
    expect(run.out).not.toContain('Grade');
  });

  it('writes nothing when the policy does not load', { timeout: 60_000 }, () => {
    const bad = join(work, 'bad-policy.yaml');
    writeFileSync(bad, 'controls:\n  - id: X\n    check: [unclosed\n');
    const reports = join(work, 'reports-bad');
    const run = vitest(['--project', 'audit'], { READYSPEC_POLICY: bad, READYSPEC_REPORTS: reports }, work);
    expect(existsSync(reports)).toBe(false);
    expect(run.out).not.toContain('Grade');
  });
});
