import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { AnyProbe } from '../registry.ts';
import type { Command } from '../transport/command.ts';
import { LocalTransport } from '../transport/local.ts';
import { gitProbes } from './probes.ts';
import { upstreamSet } from './upstream.ts';

const dir = labDir('git-probes');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const probe = (name: string): AnyProbe => {
  const found = gitProbes.find((p) => p.name === name);
  if (!found) throw new Error(`no probe ${name}`);
  return found;
};

describe('gitProbes wiring', () => {
  const { work } = makeRepo(dir, 'wired');
  const ctx = labContext({
    baseDir: dir,
    probes: gitProbes,
    inventory: {
      hosts: [{ name: 'this-box', transport: 'local' }],
      repositories: [],
    },
  });
  afterAll(() => ctx.close());

  it('reads a repository by a path relative to the policy', async () => {
    const r = await probe('git.clean').run(ctx, { name: 'app', path: 'wired' }, {});
    expect(r).toMatchObject({ outcome: 'pass', evidence: { source: `local:${work}` } });
  });

  it('reads a repository at a path on an inventory host through its command transport', async () => {
    const r = await probe('git.upstream').run(ctx, { name: 'app', host: 'this-box', path: work }, {});
    expect(r).toMatchObject({ outcome: 'pass', evidence: { source: `this-box:${work}` } });
  });

  it('is not applicable to a GitHub-only repository', async () => {
    for (const p of gitProbes as AnyProbe[]) {
      const r = await p.run(
        ctx,
        { name: 'gh', github: 'octocat/Hello-World' },
        p.name === 'git.last-commit' ? { maxAgeDays: 1 } : {},
      );
      expect(r.outcome, p.name).toBe('not-applicable');
    }
  });

  it('is an error when the host is not in the inventory', async () => {
    const r = await probe('git.pushed').run(ctx, { name: 'app', host: 'nowhere', path: work }, {});
    expect(r).toMatchObject({ outcome: 'error' });
    expect(r.message).toMatch(/host nowhere is not in the inventory/);
  });

  it('lists the commands it would run, for plan mode', () => {
    const plan = probe('git.clean').plan?.({ name: 'app', path: '/srv/app dir' }, {});
    expect(plan?.[0].script).toBe(
      "LC_ALL=C git --no-optional-locks -C '/srv/app dir' status --porcelain=v1 -z --untracked-files=all",
    );
  });

  it.each([
    ['git.pushed', {}, 3, 'rev-list --count HEAD --not --remotes'],
    ['git.upstream', {}, 2, 'for-each-ref'],
    [
      'git.secret-files',
      { patterns: ['*.pem'], allow: ['ca.pem'] },
      1,
      "ls-files -z -- ':(glob,icase)**/*.pem' ':(exclude,glob,icase)**/ca.pem'",
    ],
    ['git.secret-content', {}, 2, 'cat-file --batch | base64'],
    ['git.gitignore', { patterns: ['.env'] }, 1, 'check-ignore --no-index -v -n -- .env config/.env'],
  ])('plans %s as %i command(s)', (name, params, count, fragment) => {
    const commands = probe(name).plan?.({ name: 'app', path: '/srv/app' }, params) ?? [];
    expect(commands).toHaveLength(count);
    expect(commands.map((c) => c.script).join('\n')).toContain(fragment);
  });

  it('is an error naming the cause when git is not installed on the host', async () => {
    // A real shell whose PATH has no git: what a host without git answers.
    const local = new LocalTransport('bare-host', { timeoutMs: 5000 });
    const noGit = {
      host: 'bare-host',
      close: async () => {},
      run: (c: Command, o?: object) => local.run({ ...c, script: `PATH=/nonexistent; ${c.script}` }, o),
    };
    const r = await upstreamSet({ transport: noGit, path: work, source: `bare-host:${work}` });
    expect(r).toMatchObject({ outcome: 'error' });
    expect(r.message).toMatch(/git is not installed/);
  });
});
