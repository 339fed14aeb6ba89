// Outcome audit of the backup probes: whatever keeps the audit from reading a backup (a
// repository the audit user may not read over SSH, restic or borg not installed, a wrong
// password, an answer that is not the JSON the tool documents, a restore tool missing) is
// `error` naming the cause, never `fail` and never `pass`. Real repositories, a real sshd user
// for permissions; a missing or misbehaving tool is a PATH without it, or with a stand-in
// script that prints what a broken wrapper would.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackupDir, makeBorgRepo, makeResticRepo } from '../../fixtures/lab/backups.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { BackupEntry, HostEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import type { CommandTransport } from '../transport/command.ts';
import { LocalTransport } from '../transport/local.ts';
import { backupProbes } from './probes.ts';
import { stderrCause } from './reader.ts';

const dir = labDir('backup-outcomes');
const PASSWORD = 'lab-outcomes-pw';
const at = new Date(Date.now() - 3_600_000);
const snapshots = [{ at, files: { 'db.sql': 2000 } }];
/** A host whose PATH holds only the given bin directory (the lab's stand-in tools). */
const PATHS: Record<string, string> = {
  'no-tools': join(dir, 'bin-empty'),
  garbage: `${join(dir, 'bin-garbage')}:/usr/bin:/bin`,
  shape: `${join(dir, 'bin-shape')}:/usr/bin:/bin`,
  badtime: `${join(dir, 'bin-badtime')}:/usr/bin:/bin`,
  'no-tar': join(dir, 'bin-no-tar'),
};
const STAND_INS: Record<string, string> = {
  garbage: 'printf "Warning: cache is old\\n[{"',
  shape: 'printf \'{"snapshots": []}\'',
  badtime: 'printf \'[{"id": "a1", "time": "yesterday"}]\'',
};
const pass = { file: join(dir, 'pass') };
const wrong = { file: join(dir, 'wrong-pass') };
const entry = (
  name: string,
  kind: BackupEntry['kind'],
  path: string,
  host?: string,
  password = pass,
): BackupEntry => ({
  name,
  kind,
  path: join(dir, path),
  ...(host ? { host } : {}),
  ...(kind === 'directory' ? {} : { password }),
});
const backups: BackupEntry[] = [
  entry('locked-restic', 'restic', 'locked/restic/restic', 'box'),
  entry('locked-borg', 'borg', 'locked/borg/borg', 'box'),
  entry('locked-dir', 'directory', 'locked/dumps/backups', 'box'),
  entry('open-restic', 'restic', 'open/restic/restic', 'box'),
  entry('restic-absent', 'restic', 'open/restic/restic', 'no-tools'),
  entry('borg-absent', 'borg', 'open/borg/borg', 'no-tools'),
  entry('restic-wrong-pw', 'restic', 'open/restic/restic', undefined, wrong),
  entry('borg-wrong-pw', 'borg', 'open/borg/borg', undefined, wrong),
  entry('restic-garbage', 'restic', 'open/restic/restic', 'garbage'),
  entry('borg-garbage', 'borg', 'open/borg/borg', 'garbage'),
  entry('restic-shape', 'restic', 'open/restic/restic', 'shape'),
  entry('restic-badtime', 'restic', 'open/restic/restic', 'badtime'),
  entry('dumps-no-tar', 'directory', 'open/dumps/backups', 'no-tar'),
];
let lab: SshLab;
let ctx: ReturnType<typeof labContext>;

/** The audit machine's shell with PATH narrowed: what a host without the tool answers. */
function withPath(host: string, path: string): CommandTransport {
  const inner = new LocalTransport(host, { timeoutMs: 20_000 });
  return {
    host,
    run: (c, o) => inner.run({ ...c, script: `PATH=${path}; export PATH; ${c.script}` }, o),
    close: () => inner.close(),
  };
}

beforeAll(async () => {
  lab = await startSshLab({ hosts: [{ name: 'box', address: '127.0.0.59' }], prefix: 'backup-outcomes' });
  for (const root of ['locked', 'open']) {
    await makeResticRepo(mkdir(root, 'restic'), PASSWORD, snapshots);
    await makeBorgRepo(mkdir(root, 'borg'), PASSWORD, snapshots);
    await makeBackupDir(mkdir(root, 'dumps'), [
      { name: 'db.tar.gz', at, bytes: 0, tarOf: { 'db.sql': 500 } },
    ]);
  }
  chmodSync(mkdir('scratch'), 0o777);
  writeFileSync(pass.file, `${PASSWORD}\n`);
  writeFileSync(wrong.file, 'not-the-password\n');
  // The SSH user may read open/ but not locked/ (root's, mode 0700).
  execFileSync('chown', ['-R', `${LAB_USER}:`, join(dir, 'open')]);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'open'), 0o755);
  chmodSync(join(dir, 'locked'), 0o700);
  mkdir('bin-empty');
  for (const [name, script] of Object.entries(STAND_INS)) {
    for (const tool of ['restic', 'borg']) {
      writeFileSync(join(mkdir(`bin-${name}`), tool), `#!/bin/sh\ncat >/dev/null\n${script}\n`, {
        mode: 0o755,
      });
    }
  }
  for (const tool of ['find', 'mktemp', 'rm', 'wc', 'cat'])
    symlinkSync(`/usr/bin/${tool}`, join(mkdir('bin-no-tar'), tool));
  const hosts: HostEntry[] = [
    ...lab.entries(),
    ...Object.keys(PATHS).map((name) => ({ name, transport: 'local' as const })),
  ];
  ctx = labContext({ baseDir: dir, inventory: { hosts, backups }, probes: backupProbes });
  for (const [host, path] of Object.entries(PATHS)) ctx.shared(`command:${host}`, () => withPath(host, path));
}, 120_000);

function mkdir(...parts: string[]): string {
  const path = join(dir, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const probe = (name: string) => backupProbes.find((p) => p.name === name) as AnyProbe;
const PARAMS: Record<string, Record<string, unknown>> = {
  'backup.age': { maxAgeHours: 24 },
  'backup.retention': { min: 1 },
  'backup.size': { maxShrinkPercent: 50 },
  'backup.restore-drill': { rtoSeconds: 120, files: ['data/db.sql'], scratchDir: join(dir, 'scratch') },
};
const run = (check: string, backup: string) =>
  probe(check).run(ctx, backups.find((b) => b.name === backup)!, PARAMS[check]);
const everyProbe = (backup: string, cause: RegExp) =>
  Object.keys(PARAMS).map((check) => [check, backup, cause] as const);

describe('backup probes: could not read is an error naming the cause', () => {
  it.each([
    ...everyProbe('locked-restic', /permission denied/i),
    ...everyProbe('locked-borg', /permission denied/i),
    ...everyProbe('locked-dir', /Permission denied/),
    ...everyProbe(
      'restic-absent',
      /exited 127 \(the tool is not installed or not on PATH\).*restic: not found/,
    ),
    ...everyProbe('borg-absent', /exited 127 \(the tool is not installed or not on PATH\).*borg: not found/),
    ...everyProbe('restic-wrong-pw', /wrong password/),
    ...everyProbe('borg-wrong-pw', /passphrase.*incorrect/i),
    ...everyProbe('restic-garbage', /restic snapshots: output is not JSON/),
    ...everyProbe('borg-garbage', /borg list: output is not JSON/),
    ...everyProbe('restic-shape', /restic snapshots: expected a list/),
    ...everyProbe('restic-badtime', /restic snapshots: an entry has no id or no readable time/),
    [
      'backup.restore-drill',
      'dumps-no-tar',
      /could not run \(exit 127: the tool is not installed or not on PATH\).*tar/,
    ] as const,
  ])('%s on %s → error', async (check, backup, cause) => {
    const r = await run(check, backup);
    expect(r.outcome, r.message).toBe('error');
    expect(r.message).toMatch(cause);
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });

  it.each([
    ['backup.age', 'open-restic'],
    ['backup.restore-drill', 'open-restic'],
    ['backup.age', 'dumps-no-tar'],
  ])('%s on %s passes where the backup is readable (the table is not vacuous)', async (check, backup) => {
    const r = await run(check, backup);
    expect(r.outcome, r.message).toBe('pass');
  });
});

describe('stderrCause', () => {
  it.each([
    [
      "borg's traceback and machine footer",
      "Local Exception\nTraceback (most recent call last):\n  File \"/usr/lib/borg/repository.py\", line 437, in open\n    with open(p) as fd:\n         ^^^^^^^^\nPermissionError: [Errno 13] Permission denied: '/srv/borg/config'\n\nPlatform: Linux vm 6.1\nBorg: 1.2.4  Python: CPython 3.11.2\nPID: 1  CWD: /\nsys.argv: ['/usr/bin/borg']\nSSH_ORIGINAL_COMMAND: None\n",
      "PermissionError: [Errno 13] Permission denied: '/srv/borg/config'",
    ],
    [
      'a plain last line',
      'reading index\nrepository is being pruned',
      'reading index repository is being pruned',
    ],
    ['nothing', '', ''],
  ])('%s', (_what, stderr, cause) => {
    expect(stderrCause(stderr)).toBe(cause);
  });
});
