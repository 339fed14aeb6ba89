import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { nothingUnpushed } from './pushed.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-pushed');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nothingUnpushed', () => {
  it('passes when main is level with origin/main', async () => {
    const { work } = makeRepo(dir, 'level');
    expect(await nothingUnpushed(localRepo(work))).toMatchObject({
      outcome: 'pass',
      evidence: { observed: 0, upstream: 'origin/main' },
    });
  });

  it('fails with the ahead count when commits are not pushed', async () => {
    const { work } = makeRepo(dir, 'ahead');
    commit(work, { 'a.txt': '1\n' });
    commit(work, { 'a.txt': '2\n' });
    const r = await nothingUnpushed(localRepo(work));
    expect(r).toMatchObject({ outcome: 'fail', evidence: { observed: 2, expected: 0 } });
    expect(r.message).toMatch(/2 commit\(s\) on main not pushed to origin\/main/);
  });

  it('passes again once pushed', async () => {
    const { work } = makeRepo(dir, 'pushed-later');
    commit(work, { 'a.txt': '1\n' });
    git(work, ['push', '-q']);
    expect((await nothingUnpushed(localRepo(work))).outcome).toBe('pass');
  });

  it('without an upstream, counts commits that are on no remote', async () => {
    const { work } = makeRepo(dir, 'no-upstream');
    git(work, ['switch', '-q', '-c', 'feature']);
    const repo = localRepo(work);
    expect(await nothingUnpushed(repo)).toMatchObject({
      outcome: 'pass',
      evidence: { observed: 0, upstream: null },
    });
    commit(work, { 'f.txt': 'f\n' });
    const r = await nothingUnpushed(repo);
    expect(r).toMatchObject({
      outcome: 'fail',
      evidence: { observed: 1, comparedWith: 'all remote-tracking branches' },
    });
  });

  it('is an error for a path that does not exist', async () => {
    const r = await nothingUnpushed(localRepo(`${dir}/missing`));
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/does not exist/);
  });
});
