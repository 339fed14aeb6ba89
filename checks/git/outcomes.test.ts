// The outcome audit of every git probe: whatever git could not read (git not installed, not a
// repository, a path the audit user may not enter, objects it may not read, a repository owned
// by another user, no answer in time) is `error` naming the cause: never `fail`, never `pass`.
// The faults are real: another user through setpriv, a PATH without git, a command that hangs.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { ProbeResult } from '../probe.ts';
import { shellQuote } from '../transport/command.ts';
import { workingTreeClean } from './clean.ts';
import { gitignoreCoversSecrets } from './gitignore.ts';
import { lastCommitAge } from './last-commit.ts';
import { gitProbes } from './probes.ts';
import { nothingUnpushed } from './pushed.ts';
import type { GitRepo } from './repo.ts';
import { noSecretContent } from './secret-content.ts';
import { noSecretFiles } from './secret-files.ts';
import { localRepo, wrappedRepo } from './test-repo.ts';
import { upstreamSet } from './upstream.ts';

const PROBES: Record<string, (repo: GitRepo) => Promise<ProbeResult>> = {
  'git.clean': (r) => workingTreeClean(r),
  'git.pushed': (r) => nothingUnpushed(r),
  'git.upstream': (r) => upstreamSet(r),
  'git.last-commit': (r) => lastCommitAge(r, { maxAgeDays: 1 }, new Date()),
  'git.secret-files': (r) => noSecretFiles(r),
  'git.secret-content': (r) => noSecretContent(r, {}, 2000),
  'git.gitignore': (r) => gitignoreCoversSecrets(r),
};

const dir = labDir('git-outcomes');
/** As an unprivileged user, with no readable home (git would otherwise warn about root's config). */
const asNobody =
  (extra = '') =>
  (script: string) =>
    `HOME=/nonexistent ${extra} exec setpriv --reuid=65534 --regid=65534 --clear-groups /bin/sh -c ${shellQuote(script)}`;

let faults: [string, () => GitRepo, RegExp][];

beforeAll(() => {
  chmodSync(dir, 0o755);
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  const locked = makeRepo(dir, 'locked').work;
  chmodSync(locked, 0o700);
  const rootOwned = makeRepo(dir, 'root-owned').work;
  const sealed = makeRepo(dir, 'sealed').work;
  chmodSync(join(sealed, '.git', 'objects'), 0o700);
  chmodSync(join(sealed, '.git', 'refs'), 0o700);
  chmodSync(join(sealed, '.git', 'index'), 0o600);
  const ok = makeRepo(dir, 'ok').work;
  // safe.directory through the environment: the audit user trusts the checkout but may not read its objects.
  const trusting = 'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0=*';
  faults = [
    ['git not installed', () => wrappedRepo(ok, (s) => `PATH=/nonexistent; ${s}`), /git is not installed/],
    ['not a repository', () => localRepo(plain), /not a git repository/],
    ['path not readable by the audit user', () => wrappedRepo(locked, asNobody()), /Permission denied/],
    ['repository owned by another user', () => wrappedRepo(rootOwned, asNobody()), /owned by another user/],
    [
      'objects not readable by the audit user',
      () => wrappedRepo(sealed, asNobody(trusting)),
      /Permission denied|unable to read|cannot|not a valid|bad object|failed/i,
    ],
    ['no answer in time', () => wrappedRepo(ok, (s) => `sleep 3; ${s}`, 300), /timed out after 300 ms/],
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('git probes when the repository cannot be read', () => {
  it('the table names every git probe', () => {
    expect(Object.keys(PROBES).sort()).toEqual(gitProbes.map((p) => p.name).sort());
  });

  const names = Object.keys(PROBES);
  const kinds = [
    'git not installed',
    'not a repository',
    'path not readable by the audit user',
    'repository owned by another user',
    'objects not readable by the audit user',
    'no answer in time',
  ];
  it.each(names.flatMap((n) => kinds.map((k) => [n, k] as const)))(
    '%s, %s → error naming the cause',
    async (name, kind) => {
      const [, repo, cause] = faults.find(([k]) => k === kind) as (typeof faults)[number];
      const r = await PROBES[name](repo());
      expect(r.outcome, r.message).toBe('error');
      expect(r.message).toMatch(cause);
      expect(r.subjects).toBeUndefined();
    },
  );
});
