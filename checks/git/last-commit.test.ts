import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { lastCommitAge } from './last-commit.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-last-commit');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date('2026-06-01T12:00:00Z');

describe('lastCommitAge', () => {
  const { work } = makeRepo(dir, 'aged');
  // GIT_COMMITTER_DATE 40 days before `now`.
  commit(work, { 'old.txt': 'x\n' }, 'old', '2026-04-22T12:00:00Z');

  it.each([
    [60, 'pass'],
    [40, 'pass'],
    [30, 'fail'],
  ])('maxAgeDays %i → %s (commit 40 days old)', async (maxAgeDays, outcome) => {
    const r = await lastCommitAge(localRepo(work), { maxAgeDays }, now);
    expect(r).toMatchObject({ outcome, evidence: { observed: 40, committedAt: '2026-04-22T12:00:00.000Z' } });
  });

  it('fails on a repository without commits', async () => {
    const empty = `${dir}/empty`;
    git(dir, ['init', '-q', '-b', 'main', empty]);
    const r = await lastCommitAge(localRepo(empty), { maxAgeDays: 1 }, now);
    expect(r).toMatchObject({ outcome: 'fail', message: 'no commit yet' });
  });

  it('is an error outside a repository', async () => {
    expect((await lastCommitAge(localRepo(dir), { maxAgeDays: 1 }, now)).outcome).toBe('error');
  });
});
