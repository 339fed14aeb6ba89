import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, writeFiles } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { ProbeResult } from '../probe.ts';
import { gitignoreCoversSecrets } from './gitignore.ts';
import { samplePaths } from './secret-patterns.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-gitignore');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FULL = [
  '.env',
  '.env.*',
  '!.env.example',
  '*.pem',
  '*.key',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  'credentials.json',
  '.htpasswd',
  '.netrc',
  '.pgpass',
  '*.tfstate',
  '',
].join('\n');

/** Outcome per pattern subject. */
function verdicts(r: ProbeResult): Record<string, string> {
  return Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
}

describe('samplePaths', () => {
  it.each([
    ['.env', ['.env', 'config/.env']],
    ['*.pem', ['sample-secret.pem', 'config/sample-secret.pem']],
    ['/secrets/*.yml', ['secrets/sample-secret.yml']],
    ['id_[rd]sa', ['id_rsa', 'config/id_rsa']],
  ])('%s → %j', (pattern, paths) => expect(samplePaths(pattern)).toEqual(paths));
});

describe('gitignoreCoversSecrets', () => {
  it('passes when .gitignore covers every secret pattern', async () => {
    const { work } = makeRepo(dir, 'covered', { '.gitignore': FULL });
    const r = await gitignoreCoversSecrets(localRepo(work));
    expect(r.outcome).toBe('pass');
    expect(r.subjects).toHaveLength(18);
    expect(r.subjects?.find((s) => s.subject === '*.pem')).toMatchObject({
      outcome: 'pass',
      evidence: {
        observed: {
          'sample-secret.pem': '.gitignore:4:*.pem',
          'config/sample-secret.pem': '.gitignore:4:*.pem',
        },
      },
    });
  });

  it('fails without a .gitignore, naming every pattern', async () => {
    const { work } = makeRepo(dir, 'none');
    const r = await gitignoreCoversSecrets(localRepo(work), { patterns: ['.env', '*.pem'] });
    expect(verdicts(r)).toEqual({ '.env': 'fail', '*.pem': 'fail' });
  });

  it.each([
    ['a root-anchored rule misses nested files', { '.gitignore': '/.env\n*.pem\n' }, ['.env']],
    ['a later negation re-includes', { '.gitignore': '.env\n*.pem\n!sample-secret.pem\n' }, ['*.pem']],
    [
      'a nested .gitignore only covers its own directory',
      { '.gitignore': '*.pem\n', 'config/.gitignore': '.env\n' },
      ['.env'],
    ],
  ])('partial coverage: %s', async (name, files, uncovered) => {
    const { work } = makeRepo(dir, name.replace(/\W+/g, '-'), files);
    const r = await gitignoreCoversSecrets(localRepo(work), { patterns: ['.env', '*.pem'] });
    expect(r.outcome).toBe('fail');
    expect(
      Object.entries(verdicts(r))
        .filter(([, o]) => o === 'fail')
        .map(([p]) => p),
    ).toEqual(uncovered);
  });

  it('does not count .git/info/exclude, which no other clone has', async () => {
    const { work } = makeRepo(dir, 'info-exclude');
    writeFiles(join(work, '.git/info'), { exclude: '.env\n*.pem\n' });
    const r = await gitignoreCoversSecrets(localRepo(work), { patterns: ['.env', '*.pem'] });
    expect(verdicts(r)).toEqual({ '.env': 'fail', '*.pem': 'fail' });
  });

  it('is an error outside a repository', async () => {
    expect((await gitignoreCoversSecrets(localRepo(dir))).outcome).toBe('error');
  });
});
