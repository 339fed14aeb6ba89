import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';
import {
  collectProvenance,
  gitCommit,
  markProvenance,
  policyDigest,
  readyspecVersion,
} from './provenance.ts';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));

function policyIn(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.yaml'), 'controls: []\n');
  writeFileSync(join(dir, 'b.yaml'), 'inventory: {}\n');
  return [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
}

describe('policyDigest', () => {
  it('depends on the bytes only: the order of files and where they lie do not change it', async () => {
    const one = policyIn(labDir('prov-a'));
    const two = policyIn(labDir('prov-b'));
    const d = await policyDigest(one);
    expect(d).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await policyDigest([...two].reverse())).toBe(d);
    writeFileSync(two[1] as string, 'inventory: { hosts: [] }\n');
    expect(await policyDigest(two)).not.toBe(d);
  });
});

describe('gitCommit', () => {
  it('reads HEAD of the repository holding the policy, and null outside one', async () => {
    const dir = labDir('prov-git');
    const files = policyIn(join(dir, 'policy'));
    expect(await gitCommit(join(dir, 'policy'))).toBeNull();
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'a',
          GIT_AUTHOR_EMAIL: 'a@b',
          GIT_COMMITTER_NAME: 'a',
          GIT_COMMITTER_EMAIL: 'a@b',
        },
      }).trim();
    git('init', '-q');
    // A repository without a commit has no HEAD yet: no commit, no error.
    expect(await gitCommit(join(dir, 'policy'))).toBeNull();
    git('add', '.');
    git('commit', '-qm', 'policy');
    const head = git('rev-parse', 'HEAD');
    const p = await collectProvenance(
      { files, baseDir: join(dir, 'policy') },
      { startedAt: new Date('2026-11-23T12:00:00Z'), durationMs: 4210.4 },
    );
    expect(p).toEqual({
      readyspec: pkg.version,
      policy: { digest: await policyDigest(files), files: 2, commit: head },
      host: hostname(),
      startedAt: '2026-11-23T12:00:00.000Z',
      durationMs: 4210,
    });
  });
});

describe('markProvenance', () => {
  const p = {
    readyspec: '0.1.0',
    policy: { digest: `sha256:${'a'.repeat(64)}`, files: 3, commit: 'b'.repeat(40) },
    host: 'ci_runner-1',
    startedAt: '2026-11-23T12:00:00.000Z',
    durationMs: 4210,
  };
  it('counts one policy file as "1 file"', () => {
    const one = { ...p, policy: { ...p.policy, files: 1, commit: null } };
    expect(markProvenance('# T\n', one)).toContain(`(1 file) · host`);
  });

  it('writes one line under the title, after a PARTIAL note', () => {
    expect(markProvenance('# Title\n\nbody\n', p)).toBe(
      `# Title\n\n_readyspec 0.1.0 · policy \`sha256:${'a'.repeat(64)}\` (3 files, git commit \`${'b'.repeat(40)}\`) · host ci\\_runner-1 · started 2026-11-23T12:00:00.000Z · took 4.2 s_\n\nbody\n`,
    );
    const marked = markProvenance('# PARTIAL — T\n\n> **PARTIAL RUN** why.\n\nbody\n', {
      ...p,
      durationMs: null,
    });
    expect(marked.split('\n').slice(0, 5)).toEqual([
      '# PARTIAL — T',
      '',
      '> **PARTIAL RUN** why.',
      '',
      expect.stringMatching(/^_readyspec 0\.1\.0 .* started 2026-11-23T12:00:00\.000Z_$/),
    ]);
  });
  it('reads the version from package.json', () => {
    expect(readyspecVersion()).toBe(pkg.version);
  });
});
