// Backup probes on a host reached over SSH (a real sshd on loopback): the same commands as
// locally, through the host's one connection.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackupDir, makeResticRepo } from '../../fixtures/lab/backups.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { BackupEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { backupProbes } from './probes.ts';

const HOUR = 3_600_000;
const now = new Date();
const ago = (h: number) => new Date(now.getTime() - h * HOUR);
const dir = labDir('backup-ssh');
let lab: SshLab;
let ctx: ReturnType<typeof labContext>;
const backups: BackupEntry[] = [
  { name: 'dumps', kind: 'directory', host: 'backup-box', path: join(dir, 'backups') },
  { name: 'absent', kind: 'directory', host: 'backup-box', path: join(dir, 'no-such-dir') },
  // The password reaches restic on the host through stdin of its own exec, never the command line.
  {
    name: 'restic',
    kind: 'restic',
    host: 'backup-box',
    path: join(dir, 'r/restic'),
    password: { file: join(dir, 'restic.pass') },
  },
];
const PASSWORD = 'lab-restic-over-ssh-pw';
const run = (check: string, target: string, params: Record<string, unknown>) =>
  (backupProbes.find((p) => p.name === check) as AnyProbe).run(
    ctx,
    backups.find((b) => b.name === target)!,
    params,
  );

beforeAll(async () => {
  lab = await startSshLab({
    hosts: [{ name: 'backup-box', address: '127.0.0.53' }],
    record: true,
    prefix: 'backup-ssh',
  });
  await makeBackupDir(dir, [
    { name: 'db-1.tar.gz', at: ago(49), bytes: 0, tarOf: { 'db.sql': 20_000 } },
    { name: 'db-2.tar.gz', at: ago(25), bytes: 0, tarOf: { 'db.sql': 20_000 } },
    { name: 'db-3.tar.gz', at: ago(1), bytes: 0, tarOf: { 'db.sql': 20_000, 'etc/app.conf': 300 } },
  ]);
  mkdirSync(join(dir, 'scratch'));
  mkdirSync(join(dir, 'r'));
  await makeResticRepo(join(dir, 'r'), PASSWORD, [
    { at: ago(30), files: { 'db.sql': 4000 } },
    { at: ago(3), files: { 'db.sql': 4100 } },
  ]);
  writeFileSync(join(dir, 'restic.pass'), `${PASSWORD}\n`);
  execFileSync('chown', ['-R', `${LAB_USER}:`, dir]);
  chmodSync(dir, 0o755);
  ctx = labContext({
    baseDir: dir,
    inventory: { hosts: lab.entries(), backups },
    probes: backupProbes,
    options: { now },
  });
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup probes over SSH', () => {
  it.each([
    ['backup.age', { maxAgeHours: 2 }, 'pass'],
    ['backup.age', { maxAgeHours: 0.5 }, 'fail'],
    ['backup.retention', { min: 3, max: 3 }, 'pass'],
    ['backup.retention', { min: 7 }, 'fail'],
    ['backup.size', { maxShrinkPercent: 10 }, 'pass'],
    ['backup.size', { maxShrinkPercent: 10, minBytes: 10_000_000 }, 'fail'],
  ])('%s %j → %s', async (check, params, outcome) => {
    const r = await run(check, 'dumps', params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.evidence.source).toBe(`backup-box:${join(dir, 'backups')}`);
  });

  it('restores the newest tarball on the host, verifies files and cleans up', async () => {
    const scratchDir = join(dir, 'scratch');
    const ok = await run('backup.restore-drill', 'dumps', {
      rtoSeconds: 60,
      files: ['data/etc/app.conf'],
      scratchDir,
    });
    expect(ok.outcome, ok.message).toBe('pass');
    expect(ok.evidence.observed).toMatchObject({ files: [{ path: 'data/etc/app.conf', bytes: 300 }] });
    const missing = await run('backup.restore-drill', 'dumps', {
      rtoSeconds: 60,
      files: ['data/nope.sql'],
      scratchDir,
    });
    expect(missing.outcome).toBe('fail');
    expect(readdirSync(scratchDir)).toEqual([]);
    expect(lab.recorded().some((c) => c.includes('tar -xf'))).toBe(true);
  });

  it('reads a restic repository on the host, the password fed on stdin and never in a command', async () => {
    const age = await run('backup.age', 'restic', { maxAgeHours: 4 });
    expect(age.outcome, age.message).toBe('pass');
    const retention = await run('backup.retention', 'restic', { min: 3 });
    expect(retention.outcome, retention.message).toBe('fail');
    expect(lab.recorded().some((c) => c.includes('restic'))).toBe(true);
    expect(lab.recorded().join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify([age, retention])).not.toContain(PASSWORD);
  });

  it('is an error when the backup directory is not on the host', async () => {
    const r = await run('backup.age', 'absent', { maxAgeHours: 2 });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/No such file/);
  });
});
