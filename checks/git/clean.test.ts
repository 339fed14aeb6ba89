import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { workingTreeClean } from './clean.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-clean');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workingTreeClean', () => {
  it('passes on a freshly pushed clone', async () => {
    const { work } = makeRepo(dir, 'clean');
    const r = await workingTreeClean(localRepo(work));
    expect(r).toMatchObject({ outcome: 'pass', evidence: { observed: 0 } });
  });

  it('fails and names modified, staged, renamed and untracked files', async () => {
    const { work } = makeRepo(dir, 'dirty', { 'a.txt': 'a\n', 'old.txt': 'o\n' });
    writeFileSync(join(work, 'a.txt'), 'changed\n');
    writeFileSync(join(work, 'stray file.log'), 'x\n');
    git(work, ['mv', 'old.txt', 'new.txt']);
    const r = await workingTreeClean(localRepo(work));
    expect(r.outcome).toBe('fail');
    expect(r.evidence.files).toEqual(
      expect.arrayContaining([
        { path: 'a.txt', status: 'modified' },
        { path: 'stray file.log', status: 'untracked' },
        { path: 'new.txt', status: 'renamed (staged)', from: 'old.txt' },
      ]),
    );
    expect(r.message).toMatch(/3 uncommitted change/);
  });

  it('ignores untracked files when asked, and never rewrites the index', async () => {
    const { work } = makeRepo(dir, 'untracked');
    commit(work, { 'b.txt': 'b\n' });
    writeFileSync(join(work, 'note.txt'), 'x\n');
    // Same content, new mtime: a plain `git status` would refresh and rewrite .git/index.
    utimesSync(join(work, 'b.txt'), new Date(), new Date(Date.now() + 5000));
    const before = statSync(join(work, '.git/index')).mtimeMs;
    const r = await workingTreeClean(localRepo(work), { untracked: false });
    expect(r.outcome).toBe('pass');
    expect(statSync(join(work, '.git/index')).mtimeMs).toBe(before);
  });

  it('is an error, not a failure, outside a repository', async () => {
    const r = await workingTreeClean(localRepo(dir));
    expect(r).toMatchObject({ outcome: 'error' });
    expect(r.message).toMatch(/not a git repository/);
  });
});
