import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackupDir, makeBorgRepo, makeResticRepo } from '../../fixtures/lab/backups.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { BackupEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { backupProbes } from './probes.ts';

const HOUR = 3_600_000;
const now = new Date();
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const dir = labDir('backup');
const PASSWORD = 'correct horse battery staple';
// Three snapshots: the newest two hours old and about 90% smaller than the one before.
const history = [
  { at: ago(50), files: { 'db.sql': 30_000, 'etc/app.conf': 100 } },
  { at: ago(26), files: { 'db.sql': 30_000, 'etc/app.conf': 100 } },
  { at: ago(2), files: { 'db.sql': 3_000, 'etc/app.conf': 100 } },
];
const emptyHistory = [{ at: ago(1), files: { 'empty.txt': 0 } }];

const backups: BackupEntry[] = [
  { name: 'restic', kind: 'restic', path: 'restic-full/restic', password: { file: 'restic.pass' } },
  { name: 'restic-empty', kind: 'restic', path: 'restic-empty/restic', password: { file: 'restic.pass' } },
  { name: 'restic-wrong-pw', kind: 'restic', path: 'restic-full/restic', password: { file: 'wrong.pass' } },
  {
    name: 'restic-no-pw',
    kind: 'restic',
    path: 'restic-full/restic',
    password: { env: 'READYSPEC_LAB_UNSET' },
  },
  { name: 'borg', kind: 'borg', path: 'borg-full/borg', password: { env: 'READYSPEC_LAB_BORG_PW' } },
  { name: 'borg-empty', kind: 'borg', path: 'borg-empty/borg', password: { env: 'READYSPEC_LAB_BORG_PW' } },
  { name: 'borg-wrong-pw', kind: 'borg', path: 'borg-full/borg', password: { file: 'wrong.pass' } },
  { name: 'directory', kind: 'directory', path: 'dir-full/backups' },
  { name: 'directory-empty', kind: 'directory', path: 'dir-empty/backups' },
  { name: 'directory-missing', kind: 'directory', path: 'no-such-dir' },
  { name: 'unknown-host', kind: 'directory', path: '/var/backups', host: 'ghost' },
];
const ctx = labContext({ baseDir: dir, inventory: { backups }, probes: backupProbes, options: { now } });
const run = (check: string, target: string, params: Record<string, unknown>) =>
  (backupProbes.find((p) => p.name === check) as AnyProbe).run(
    ctx,
    backups.find((b) => b.name === target)!,
    params,
  );

beforeAll(async () => {
  writeFileSync(join(dir, 'restic.pass'), `${PASSWORD}\n`);
  writeFileSync(join(dir, 'wrong.pass'), 'not the password\n');
  process.env.READYSPEC_LAB_BORG_PW = PASSWORD;
  const sub = (name: string) => {
    mkdirSync(join(dir, name));
    return join(dir, name);
  };
  await Promise.all([
    makeResticRepo(sub('restic-full'), PASSWORD, history),
    makeResticRepo(sub('restic-empty'), PASSWORD, emptyHistory),
    makeBorgRepo(sub('borg-full'), PASSWORD, history),
    makeBorgRepo(sub('borg-empty'), PASSWORD, emptyHistory),
    makeBackupDir(sub('dir-full'), [
      { name: 'db-1.sql', at: ago(50), bytes: 30_100 },
      { name: 'old/db-2.sql', at: ago(26), bytes: 30_100 },
      { name: 'db-3.tar.gz', at: ago(2), bytes: 0, tarOf: history[2].files },
    ]),
    makeBackupDir(sub('dir-empty'), [{ name: 'db.sql', at: ago(1), bytes: 0 }]),
  ]);
}, 120_000);

afterAll(() => ctx.close());

describe.each(['restic', 'borg', 'directory'])('%s backups', (kind) => {
  it.each([
    ['backup.age', { maxAgeHours: 6 }, 'pass'],
    ['backup.age', { maxAgeHours: 1 }, 'fail'],
    ['backup.retention', { min: 3 }, 'pass'],
    ['backup.retention', { min: 3, max: 10 }, 'pass'],
    ['backup.retention', { min: 4 }, 'fail'],
    ['backup.retention', { min: 1, max: 2 }, 'fail'],
    ['backup.size', { maxShrinkPercent: 95 }, 'pass'],
    ['backup.size', { maxShrinkPercent: 50 }, 'fail'],
    ['backup.size', { maxShrinkPercent: 95, minBytes: 1_000_000 }, 'fail'],
  ])('%s %j → %s', async (check, params, outcome) => {
    const r = await run(check, kind, params);
    expect(r.outcome, r.message).toBe(outcome);
  });

  it('measures the newest age and the shrink from real snapshots', async () => {
    const age = await run('backup.age', kind, { maxAgeHours: 6 });
    expect((age.evidence.observed as { ageHours: number }).ageHours).toBeCloseTo(2, 0);
    expect(age.evidence.count).toBe(3);
    const size = await run('backup.size', kind, { maxShrinkPercent: 95 });
    const observed = size.evidence.observed as {
      bytes: number;
      previousBytes: number;
      shrinkPercent: number;
    };
    expect(observed.previousBytes).toBe(30_100);
    expect(observed.shrinkPercent).toBeGreaterThan(85);
    expect(observed.shrinkPercent).toBeLessThan(95);
  });

  it('fails an empty newest backup', async () => {
    const r = await run('backup.size', `${kind}-empty`, { maxShrinkPercent: 95 });
    expect(r.outcome, r.message).toBe('fail');
    expect(r.evidence.observed).toMatchObject({ bytes: 0, previousBytes: null });
  });
});

describe('backups that cannot be read are errors, never failures', () => {
  it.each([
    ['restic-wrong-pw', /wrong password|no key found/i],
    ['restic-no-pw', /READYSPEC_LAB_UNSET.*not set/],
    ['borg-wrong-pw', /passphrase|incorrect/i],
    ['directory-missing', /No such file/],
    ['unknown-host', /no host named "ghost"/],
  ])('%s', async (target, why) => {
    const r = await run('backup.age', target, { maxAgeHours: 6 });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(why);
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });
});

describe.each(['restic', 'borg', 'directory'])('backup.restore-drill on %s', (kind) => {
  const scratchDir = join(dir, `scratch-${kind}`);
  beforeAll(() => mkdirSync(scratchDir));

  it.each([
    [{ rtoSeconds: 120, files: ['data/db.sql', '/data/etc/app.conf'] }, 'pass', /verified/],
    [
      { rtoSeconds: 120, files: ['data/db.sql', 'data/etc/missing.conf'] },
      'fail',
      /missing after restore: data\/etc\/missing.conf/,
    ],
    [{ rtoSeconds: 0.001, files: ['data/db.sql'] }, 'fail', /RTO is 0.001 s/],
  ])('%j → %s', async (params, outcome, message) => {
    const r = await run('backup.restore-drill', kind, { ...params, scratchDir });
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.message).toMatch(message);
    const observed = r.evidence.observed as {
      durationSeconds: number;
      files: { path: string; bytes: number | null }[];
    };
    expect(observed.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(observed.files[0]).toEqual({ path: 'data/db.sql', bytes: 3_000 });
    expect(readdirSync(scratchDir)).toEqual([]);
  });
});

it('the restore drill is an active probe: it runs only when the policy and the command line enable it', () => {
  expect(backupProbes.find((p) => p.name === 'backup.restore-drill')?.active).toBe(true);
});
