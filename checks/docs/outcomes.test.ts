// Outcome audit of the documentation probes: a document that is not there is a finding (fail);
// one that is there but cannot be read (a directory, a symlink loop, a FIFO, a file too large to
// be a document) is `error` naming the cause; a claim whose fact could not be measured is
// `error`, never a pass or a fail. Permission is tried as the unprivileged lab user (setpriv):
// root reads anything.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { ensureLabUser, LAB_USER } from '../../fixtures/lab/ssh-lab.ts';
import type { BackupEntry, DocumentEntry } from '../../policies/types.ts';
import { backupProbes } from '../backup/probes.ts';
import type { AnyProbe } from '../registry.ts';
import { docsProbes } from './probes.ts';

const dir = labDir('docs-outcomes');
const documents: DocumentEntry[] = [
  { name: 'ok', path: 'OK.md' },
  { name: 'missing', path: 'MISSING.md' },
  { name: 'under-file', path: 'OK.md/inside.md' },
  { name: 'a-directory', path: 'folder' },
  { name: 'loop', path: 'loop.md' },
  { name: 'fifo', path: 'pipe.md' },
  { name: 'huge', path: 'HUGE.md' },
];
const backups: BackupEntry[] = [{ name: 'gone', kind: 'directory', path: 'no-such-backups' }];
const probes = [...docsProbes, ...backupProbes];
const ctx = labContext({ baseDir: dir, inventory: { documents, backups }, probes });
const probe = (name: string) => probes.find((p) => p.name === name) as AnyProbe;
const run = (check: string, target: string, params: Record<string, unknown>) =>
  probe(check).run(ctx, documents.find((d) => d.name === target)!, params);

beforeAll(() => {
  writeFileSync(join(dir, 'OK.md'), '# Ops\n\nLast updated: 2026-11-01\n\nWe keep 2 playbooks.\n');
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'a.md'), '# A\n');
  symlinkSync('loop.md', join(dir, 'loop.md'));
  execFileSync('mkfifo', [join(dir, 'pipe.md')]);
  writeFileSync(join(dir, 'HUGE.md'), '# Huge\n');
  truncateSync(join(dir, 'HUGE.md'), 64 * 1024 * 1024);
  writeFileSync(join(dir, 'PRIVATE.md'), '# Private\n\nLast updated: 2026-11-01\n');
  chmodSync(join(dir, 'PRIVATE.md'), 0o600);
  mkdirSync(join(dir, 'private-dr'), { mode: 0o700 });
  chmodSync(dir, 0o755);
});

afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const claim = {
  pattern: 'keep (\\d+)',
  fact: { check: 'dr.playbooks', target: 'a-directory', params: { glob: '*.md' } },
};
const file = { 'docs.claim': claim, 'docs.sections': { required: ['Ops'] } };
const anyPath = {
  'docs.updated': { maxAgeDays: 3650 },
  'docs.links': {},
  'docs.runbook-tested': { maxAgeDays: 30 },
};
const every = { ...file, ...anyPath, 'dr.playbooks': { glob: '*.md' } };
const rows = (targets: string[], params: Record<string, object>, outcome: string, cause: RegExp) =>
  targets.flatMap((t) => Object.entries(params).map(([check, p]) => [check, t, p, outcome, cause] as const));

describe('documentation probes: missing is a finding, unreadable is an error', () => {
  it.each([
    ...rows(['missing'], every, 'fail', /MISSING\.md does not exist/),
    ...rows(['under-file'], every, 'fail', /inside\.md does not exist/),
    ...rows(['a-directory'], file, 'error', /folder is not a regular file/),
    ...rows(['loop'], every, 'error', /ELOOP|too many symbolic links/i),
    ...rows(['fifo'], { ...file, ...anyPath }, 'error', /pipe\.md is not a regular file/),
    ...rows(['huge'], { ...file, ...anyPath }, 'error', /HUGE\.md is 67108864 bytes, more than a document/),
  ])('%s on %s → %s', async (check, target, params, outcome, cause) => {
    const r = await run(check, target, params as Record<string, unknown>);
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.message).toMatch(cause);
  });
});

describe('docs.claim: a fact that cannot be measured is an error naming why', () => {
  it.each([
    [
      'its check errored',
      { check: 'backup.retention', target: 'gone', params: { min: 0 } },
      /backup.retention on gone could not measure: .*no-such-backups/,
    ],
    [
      'an estate part errored',
      { check: 'backup.retention', over: 'all', field: 'count', aggregate: 'sum', params: { min: 0 } },
      /1 of 1 part\(s\) unavailable/,
    ],
    [
      'the target is unknown',
      { check: 'dr.playbooks', target: 'nope', params: { glob: '*.md' } },
      /no document named "nope"/,
    ],
    ['no run history yet', { history: 'score' }, /no run history to compare with/],
  ])('%s', async (_why, fact, cause) => {
    const r = await run('docs.claim', 'ok', { pattern: 'keep (\\d+)', fact });
    expect(r.outcome, r.message).toBe('error');
    expect(r.message).toMatch(cause);
  });

  it('passes a true claim and fails a false one on the readable document (the table above is not vacuous)', async () => {
    expect((await run('docs.claim', 'ok', claim)).outcome).toBe('fail');
    const right = { ...claim, fact: { ...claim.fact, params: { glob: '**/*.md' } } };
    writeFileSync(join(dir, 'folder', 'b.md'), '# B\n');
    expect((await run('docs.claim', 'ok', right)).outcome).toBe('pass');
  });
});

describe('documentation probes read by a user without permission', () => {
  it('are each an error naming EACCES, never a fail for a document that is there', () => {
    ensureLabUser();
    const file = join(dir, 'PRIVATE.md');
    const script = `
      const d = await import(${JSON.stringify(join(import.meta.dirname, 'index.ts'))});
      const b = await import(${JSON.stringify(join(import.meta.dirname, '../backup/playbooks.ts'))});
      const file = ${JSON.stringify(file)};
      const results = {
        claim: await d.documentClaim(file, { pattern: '(\\\\d+)', fact: { history: 'score' } }, async () => ({ value: 1, source: 'x' })),
        sections: await d.requiredSections(file, { required: ['Private'] }),
        updated: await d.datedWithin(file, { maxAgeDays: 3650 }, d.UPDATED_PATTERN, new Date(), 'last updated'),
        links: await d.localLinks(file, {}),
        playbooks: await b.countPlaybooks(${JSON.stringify(join(dir, 'private-dr'))}, { glob: '*.md' }),
      };
      process.stdout.write(JSON.stringify(results));`;
    const out = execFileSync(
      'setpriv',
      [
        '--reuid',
        LAB_USER,
        '--regid',
        LAB_USER,
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 60_000 },
    );
    const results = JSON.parse(out) as Record<string, { outcome: string; message: string }>;
    expect(Object.keys(results)).toHaveLength(5);
    for (const [probe, r] of Object.entries(results)) {
      expect(r.outcome, `${probe}: ${r.message}`).toBe('error');
      expect(r.message, probe).toMatch(/EACCES|permission denied/i);
    }
  }, 90_000);
});
