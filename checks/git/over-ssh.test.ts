/** The git probes, unchanged, on a repository at a path on a host reached over real sshd. */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { commit, makeRepo, writeFiles } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { RepositoryEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { gitProbes } from './probes.ts';

let lab: SshLab;
let ctx: ReturnType<typeof labContext>;
const dir = labDir('git-ssh');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
// secretlint's AWS rule misses a key ending in '/' or '+' (a word boundary after the value):
// end on a letter or digit so the fixture is detected every run, not 19 runs in 20.
const awsSecret = `${Array.from({ length: 39 }, () => B64[randomInt(B64.length)]).join('')}${B64[randomInt(62)]}`;
const repo = (name: string): RepositoryEntry => ({ name, host: 'git-box', path: `${dir}/${name}` });
const check = (
  name: string,
  target: RepositoryEntry,
  params: Record<string, unknown> = {},
): Promise<ProbeResult> => (gitProbes.find((p) => p.name === name) as AnyProbe).run(ctx, target, params);

beforeAll(async () => {
  lab = await startSshLab({
    hosts: [{ name: 'git-box', address: '127.0.0.47' }],
    record: true,
    prefix: 'git-ssh',
  });
  chmodSync(dir, 0o755);
  makeRepo(dir, 'tidy', { 'README.md': '# tidy\n', '.gitignore': '.env\n.env.*\n*.pem\n*.key\nid_rsa\n' });
  const { work } = makeRepo(dir, 'leaky');
  commit(work, { '.env': 'TOKEN=x\n', 'conf/aws.ini': `aws_secret_access_key = ${awsSecret}\n` });
  writeFiles(work, { 'notes.txt': 'local only\n' });
  makeRepo(dir, 'root-owned');
  // The lab user owns its repositories, as a deploy user owns its checkout; `root-owned` stays root's.
  for (const name of ['tidy', 'tidy.git', 'leaky', 'leaky.git'])
    execFileSync('chown', ['-R', `${LAB_USER}:`, `${dir}/${name}`]);
  ctx = labContext({ baseDir: dir, probes: gitProbes, inventory: { hosts: lab.entries() } });
});

afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('git probes over SSH', () => {
  it.each([
    ['git.clean', {}],
    ['git.pushed', {}],
    ['git.upstream', {}],
    ['git.last-commit', { maxAgeDays: 1 }],
    ['git.secret-files', {}],
    ['git.secret-content', {}],
    ['git.gitignore', { patterns: ['.env', '*.pem', 'id_rsa'] }],
  ])('%s passes on a tidy repository', async (name, params) => {
    const r = await check(name, repo('tidy'), params);
    expect(r, r.message).toMatchObject({ outcome: 'pass', evidence: { source: `git-box:${dir}/tidy` } });
  });

  it.each([
    ['git.clean', /1 uncommitted change\(s\): notes.txt \(untracked\)/],
    ['git.pushed', /1 commit\(s\) on main not pushed to origin\/main/],
  ])('%s fails on a leaky repository', async (name, message) => {
    const r = await check(name, repo('leaky'));
    expect(r.outcome, JSON.stringify(r.evidence)).toBe('fail');
    expect(r.message).toMatch(message);
  });

  it.each([
    ['git.secret-files', '.env', /\.env is tracked \(matches \.env\)/],
    ['git.secret-content', 'conf/aws.ini', /line 1 AWSSecretAccessKey \(aws\)/],
    ['git.gitignore', '.env.*', /\.env\.\* not ignored/],
  ])('%s fails on a leaky repository, in the subject %s', async (name, failing, message) => {
    const r = await check(name, repo('leaky'));
    expect(r.outcome, JSON.stringify(r.evidence)).toBe('fail');
    const s = r.subjects?.find((x) => x.subject === failing);
    expect(s?.outcome, JSON.stringify(r.subjects)).toBe('fail');
    expect(s?.message).toMatch(message);
    expect(JSON.stringify(r)).not.toContain(awsSecret);
  });

  it('ran git on the host, over SSH, with every argument quoted', () => {
    const seen = lab.recorded().join('\n');
    expect(seen).toContain(`LC_ALL=C git --no-optional-locks -C ${dir}/tidy status --porcelain=v1 -z`);
    expect(seen).toContain('cat-file --batch | base64');
  });

  it('is an error, not a failure, when git refuses a repository owned by another user', async () => {
    const r = await check('git.clean', repo('root-owned'));
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/owned by another user/);
  });

  it('is an error for a path that does not exist on the host', async () => {
    const r = await check('git.upstream', repo('nowhere'));
    expect(r).toMatchObject({ outcome: 'error' });
    expect(r.message).toMatch(/does not exist/);
  });
});
