import { generateKeyPairSync, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { noSecretContent } from './secret-content.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-secret-content');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Secrets are made here at run time, never stored in our repository: a random AWS secret key
// and a freshly generated private key, both worthless outside this test.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
// secretlint's AWS rule misses a key ending in '/' or '+' (a word boundary after the value):
// end on a letter or digit so the fixture is detected every run, not 19 runs in 20.
const awsSecret = `${Array.from({ length: 39 }, () => B64[randomInt(B64.length)]).join('')}${B64[randomInt(62)]}`;
const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;

describe('noSecretContent', () => {
  it('passes on ordinary files, and counts what it scanned', async () => {
    const { work } = makeRepo(dir, 'plain', {
      'README.md': '# app\n',
      'src/main.ts': 'export const answer = 42;\n',
    });
    const r = await noSecretContent(localRepo(work));
    expect(r).toMatchObject({ outcome: 'pass', evidence: { observed: 0, scannedFiles: 2 } });
  });

  it('fails with file, line and rule for an AWS key and a private key, never the secret itself', async () => {
    const { work } = makeRepo(dir, 'leaky');
    commit(work, {
      'config/aws.ini': `[default]\nregion = eu-west-1\naws_secret_access_key = ${awsSecret}\n`,
      'deploy/notes.txt': `key for the box:\n${privateKey}`,
      'ok.txt': 'nothing here\n',
    });
    const r = await noSecretContent(localRepo(work));
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject, s.outcome, s.evidence.findings])).toEqual([
      ['config/aws.ini', 'fail', [{ line: 3, rule: 'aws', kind: 'AWSSecretAccessKey' }]],
      ['deploy/notes.txt', 'fail', [{ line: 2, rule: 'privatekey', kind: 'PrivateKey' }]],
    ]);
    const everything = JSON.stringify(r);
    expect(everything).not.toContain(awsSecret);
    expect(everything).not.toContain(privateKey.split('\n')[1]);
    expect(r.message).toMatch(/0 of 2 files with findings pass, 2 fail/);
  });

  it('skips binary files and files over the size limit, and says so', async () => {
    const { work } = makeRepo(dir, 'bounded');
    commit(work, {
      'big.txt': `${'x'.repeat(2048)}\naws_secret_access_key = ${awsSecret}\n`,
      'blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(privateKey)]),
    });
    const r = await noSecretContent(localRepo(work), { maxFileBytes: 1024 });
    expect(r).toMatchObject({
      outcome: 'pass',
      evidence: { skipped: { binary: 1, tooLarge: 1, tooLargeFiles: ['big.txt'] } },
    });
    expect(r.message).toMatch(/skipped 1 over 1024 bytes/);
  });

  it('stops at the file budget and reports the rest as skipped', async () => {
    const { work } = makeRepo(dir, 'budget', { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    const r = await noSecretContent(localRepo(work), { maxFiles: 2 });
    expect(r).toMatchObject({ outcome: 'pass', evidence: { scannedFiles: 2, skipped: { overBudget: 1 } } });
  });

  it('reads non-UTF-8 and multi-byte content without losing object framing', async () => {
    const { work } = makeRepo(dir, 'bytes');
    commit(work, {
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'emoji.md': '✓ ünïcode 🚀\n',
      'z.ini': `aws_secret_access_key = ${awsSecret}\n`,
    });
    const r = await noSecretContent(localRepo(work));
    expect(r).toMatchObject({
      outcome: 'fail',
      subjects: [{ subject: 'z.ini', evidence: { findings: [{ line: 1, rule: 'aws' }] } }],
    });
  });

  it('reads more files than one command may carry ids for, in several commands', async () => {
    const files = Object.fromEntries(Array.from({ length: 1205 }, (_, i) => [`f/${i}.txt`, `line ${i}\n`]));
    const { work } = makeRepo(dir, 'many', files);
    const r = await noSecretContent(localRepo(work));
    expect(r, r.message).toMatchObject({ outcome: 'pass', evidence: { scannedFiles: 1205 } });
  });

  it('is an error outside a repository', async () => {
    expect((await noSecretContent(localRepo(dir))).outcome).toBe('error');
  });
});
