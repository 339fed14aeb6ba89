import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { localRepo } from './test-repo.ts';
import { upstreamSet } from './upstream.ts';

const dir = labDir('git-upstream');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('upstreamSet', () => {
  it('passes when the branch tracks origin/main', async () => {
    const { work } = makeRepo(dir, 'tracked');
    const r = await upstreamSet(localRepo(work));
    expect(r).toMatchObject({ outcome: 'pass', evidence: { branch: 'main', observed: 'origin/main' } });
  });

  it('fails on a branch without upstream', async () => {
    const { work } = makeRepo(dir, 'local-branch');
    git(work, ['switch', '-q', '-c', 'feature']);
    const r = await upstreamSet(localRepo(work));
    expect(r).toMatchObject({ outcome: 'fail', evidence: { branch: 'feature', observed: null } });
  });

  it('fails when the upstream branch was deleted on the remote', async () => {
    const { work } = makeRepo(dir, 'gone');
    git(work, ['switch', '-q', '-c', 'topic']);
    commit(work, { 't.txt': 't\n' });
    git(work, ['push', '-q', '-u', 'origin', 'topic']);
    git(work, ['push', '-q', 'origin', '--delete', 'topic']);
    const r = await upstreamSet(localRepo(work));
    expect(r).toMatchObject({ outcome: 'fail', evidence: { gone: true } });
    expect(r.message).toMatch(/no longer exists/);
  });

  it('fails on a detached HEAD', async () => {
    const { work } = makeRepo(dir, 'detached');
    git(work, ['switch', '-q', '--detach', 'HEAD']);
    const r = await upstreamSet(localRepo(work));
    expect(r).toMatchObject({ outcome: 'fail', evidence: { branch: null } });
  });
});
