import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { noSecretFiles } from './secret-files.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-secret-files');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('noSecretFiles', () => {
  it('passes when only templates and public halves are tracked', async () => {
    const { work } = makeRepo(dir, 'templates', {
      '.env.example': 'TOKEN=\n',
      'deploy/id_rsa.pub': 'ssh-rsa AAAA lab\n',
      'src/key.ts': 'export {}\n',
    });
    const r = await noSecretFiles(localRepo(work));
    // A clean index is one pass: there is no tracked secret file to name.
    expect(r).toMatchObject({ outcome: 'pass', evidence: { observed: 0 } });
    expect(r.subjects).toBeUndefined();
  });

  it('fails and lists tracked .env, id_rsa, *.pem and *.P12 files at any depth', async () => {
    const { work } = makeRepo(dir, 'leaky');
    commit(work, {
      '.env': 'TOKEN=x\n',
      'ops/keys/id_rsa': 'not a real key\n',
      'tls/server.pem': 'x\n',
      'certs/CLIENT.P12': 'x\n',
      'config/.env.production': 'x\n',
      '.env.example': 'TOKEN=\n',
    });
    const r = await noSecretFiles(localRepo(work));
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject, s.outcome, s.evidence.pattern]).sort()).toEqual([
      ['.env', 'fail', '.env'],
      ['certs/CLIENT.P12', 'fail', '*.p12'],
      ['config/.env.production', 'fail', '.env.*'],
      ['ops/keys/id_rsa', 'fail', 'id_rsa'],
      ['tls/server.pem', 'fail', '*.pem'],
    ]);
    expect(r.message).toMatch(/0 of 5 tracked secret files pass, 5 fail/);
  });

  it('sees files staged but not yet committed (the index is what gets committed)', async () => {
    const { work } = makeRepo(dir, 'staged');
    commit(work, { 'a.txt': 'a\n' });
    git(work, ['rm', '-q', '--cached', 'a.txt']);
    const { writeFiles } = await import('../../fixtures/lab/git-repos.ts');
    writeFiles(work, { 'secrets/prod.key': 'x\n' });
    git(work, ['add', 'secrets/prod.key']);
    expect(await noSecretFiles(localRepo(work))).toMatchObject({
      outcome: 'fail',
      subjects: [{ subject: 'secrets/prod.key', outcome: 'fail' }],
    });
  });

  it('uses the policy patterns and allowlist when given', async () => {
    const { work } = makeRepo(dir, 'custom', { 'vault.yml': 'x\n', 'tls/server.pem': 'x\n' });
    const repo = localRepo(work);
    expect(await noSecretFiles(repo, { patterns: ['vault.yml'] })).toMatchObject({
      outcome: 'fail',
      subjects: [{ subject: 'vault.yml', outcome: 'fail', evidence: { pattern: 'vault.yml' } }],
    });
    expect(await noSecretFiles(repo, { patterns: ['*.pem'], allow: ['tls/*.pem'] })).toMatchObject({
      outcome: 'pass',
    });
  });

  it('is an error outside a repository', async () => {
    expect((await noSecretFiles(localRepo(dir))).outcome).toBe('error');
  });
});
