import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { backupProbes } from '../backup/probes.ts';
import type { AnyProbe } from '../registry.ts';
import { docsProbes } from './probes.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const dir = labDir('docs');
const probes = [...docsProbes, ...backupProbes];
const documents = [
  { name: 'ops', path: 'OPS.md' },
  { name: 'status', path: 'STATUS.md' },
  { name: 'dr', path: 'dr' },
  { name: 'runbooks', path: 'runbooks' },
  { name: 'nowhere', path: 'MISSING.md' },
];
const ctx = labContext({ baseDir: dir, inventory: { documents }, probes, options: { now: NOW } });
const probe = (name: string): AnyProbe => probes.find((p) => p.name === name)!;
const run = (name: string, target: string, params: Record<string, unknown>) =>
  probe(name).run(ctx, documents.find((d) => d.name === target)!, params);

function write(rel: string, text: string) {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

beforeAll(() => {
  write(
    'OPS.md',
    [
      '# Operations',
      '',
      '**Last updated:** 2025-06-01',
      '',
      'We maintain **3** DR playbooks and 5 dashboards.',
      '',
      '## Inventory',
      '',
      '| Host | Containers | Playbooks |',
      '|------|-----------:|----------:|',
      '| web1 | 12 | 3 |',
      '| db1  | 4  | 2 |',
      '',
      '## Contacts',
      '',
      'See [the restore runbook](runbooks/restore.md#steps), [status](STATUS.md),',
      '[inventory](#inventory), [vendor](https://example.invalid/x) and ![diagram](img/missing.png).',
      '',
      '## Rollback',
      '',
      'See [gone](runbooks/gone.md) and [bad anchor](runbooks/restore.md#no-such-heading) and [self](#rollbakc).',
    ].join('\n'),
  );
  write('STATUS.md', '# Status\n\nLast updated 2024-01-10\n\nCurrent grade: **A-** (score 81.5).\n');
  write('dr/db-restore.md', '# DB restore\n');
  write('dr/site-failover.md', '# Failover\n');
  write('dr/dns/rollback.md', '# DNS\n');
  write('dr/notes.txt', 'not a playbook');
  write(
    'runbooks/restore.md',
    '# Restore\n\nTested: 2025-06-10\n\n## Steps\n\n1. stop, see [rotate](rotate.md) and [above](#steps)\n',
  );
  write(
    'runbooks/rotate.md',
    '# Rotate keys\n\n- Tested: 2025-01-02 (Q1 drill)\n- Tested **2025-05-20** (Q2 drill)\n',
  );
  write(
    'reports/history.jsonl',
    `${JSON.stringify({ score: 91.2, letter: 'A' })}\n${JSON.stringify({ score: 81.5, letter: 'A-' })}\n`,
  );
});

afterAll(() => ctx.close());

const playbooks = { check: 'dr.playbooks', target: 'dr', params: { glob: '**/*.md' } };

describe('docs.claim', () => {
  it.each([
    ['sentence pattern, true', { pattern: 'maintain (\\d+) DR playbooks', fact: playbooks }, 'pass', '3'],
    [
      'table cell by row and column name, true',
      { heading: 'Inventory', cell: { column: 'Playbooks', row: 'web1' }, fact: playbooks },
      'pass',
      '3',
    ],
    [
      'table cell by number, false',
      { heading: 'Inventory', cell: { column: 3, row: 2 }, fact: playbooks },
      'fail',
      '2',
    ],
    [
      'sentence, false against a narrower glob',
      { pattern: 'maintain (\\d+) DR', fact: { ...playbooks, params: { glob: '*.md' } } },
      'fail',
      '3',
    ],
    [
      'tolerance absorbs the difference',
      { pattern: 'maintain (\\d+) DR', fact: { ...playbooks, params: { glob: '*.md' } }, tolerance: 1 },
      'pass',
      '3',
    ],
  ])('%s', async (_title, params, outcome, claimed) => {
    const r = await run('docs.claim', 'ops', params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.evidence.observed).toBe(claimed);
  });

  it('compares the last run grade from history.jsonl (letter and score)', async () => {
    const letter = await run('docs.claim', 'status', {
      pattern: 'grade: (\\S+)',
      fact: { history: 'letter' },
    });
    expect(letter).toMatchObject({ outcome: 'pass', evidence: { observed: 'A-', expected: 'A-' } });
    const score = await run('docs.claim', 'status', {
      pattern: 'score ([\\d.]+)',
      fact: { history: 'score' },
    });
    expect(score.outcome).toBe('pass');
    writeFileSync(join(dir, 'reports/history.jsonl'), `${JSON.stringify({ score: 88, letter: 'A' })}\n`);
    const stale = await run('docs.claim', 'status', {
      pattern: 'grade: (\\S+)',
      fact: { history: 'letter' },
    });
    expect(stale).toMatchObject({ outcome: 'fail', evidence: { observed: 'A-', expected: 'A' } });
  });

  it('fails when the claim is not in the document, errors when the fact cannot be measured', async () => {
    const missing = await run('docs.claim', 'ops', { pattern: 'we run (\\d+) servers', fact: playbooks });
    expect(missing.outcome).toBe('fail');
    expect(missing.message).toMatch(/claim not found/);
    const unknown = await run('docs.claim', 'ops', {
      pattern: 'maintain (\\d+)',
      fact: { check: 'dr.playbooks', target: 'nope' },
    });
    expect(unknown.outcome).toBe('error');
    expect(unknown.message).toMatch(/no document named "nope"/);
    const badRegex = await run('docs.claim', 'ops', { pattern: 'maintain ((\\d+)', fact: playbooks });
    expect(badRegex.outcome).toBe('error');
  });
});

describe('docs.updated and docs.runbook-tested', () => {
  it.each([
    ['docs.updated', 'ops', { maxAgeDays: 30 }, 'pass'],
    ['docs.updated', 'status', { maxAgeDays: 30 }, 'fail'],
    ['docs.updated', 'status', { maxAgeDays: 600 }, 'pass'],
    ['docs.updated', 'runbooks', { maxAgeDays: 30 }, 'fail'],
    ['docs.runbook-tested', 'runbooks', { maxAgeDays: 30 }, 'pass'],
    ['docs.runbook-tested', 'runbooks', { maxAgeDays: 7 }, 'fail'],
    [
      'docs.runbook-tested',
      'runbooks',
      { maxAgeDays: 30, pattern: 'tested: (\\d{4}-\\d{2}-\\d{2}) \\(q1' },
      'fail',
    ],
    // The document the inventory names is not there: a finding, not a read failure.
    ['docs.updated', 'nowhere', { maxAgeDays: 30 }, 'fail'],
  ])('%s on %s %j → %s', async (name, target, params, outcome) => {
    const r = await run(name, target, params);
    expect(r.outcome, r.message).toBe(outcome);
  });

  it('takes the newest tested date of a runbook and reports its age', async () => {
    const r = await run('docs.runbook-tested', 'runbooks', { maxAgeDays: 30 });
    expect(r.evidence.observed).toEqual([
      { file: join(dir, 'runbooks/restore.md'), date: '2025-06-10', ageDays: 5 },
      { file: join(dir, 'runbooks/rotate.md'), date: '2025-05-20', ageDays: 26 },
    ]);
  });
});

describe('docs.sections', () => {
  it('passes when every required heading is present, case ignored', async () => {
    const r = await run('docs.sections', 'ops', { required: ['contacts', 'Rollback', 'Inventory'] });
    expect(r.outcome).toBe('pass');
  });
  it('fails naming the missing sections', async () => {
    const r = await run('docs.sections', 'ops', { required: ['Contacts', 'Escalation', 'Monitoring'] });
    expect(r).toMatchObject({ outcome: 'fail', evidence: { missing: ['Escalation', 'Monitoring'] } });
  });
});

describe('docs.links', () => {
  it('fails on broken files, images and anchors, ignoring external links', async () => {
    const r = await run('docs.links', 'ops', {});
    expect(r.outcome).toBe('fail');
    expect(r.evidence.observed).toEqual({ checked: 7, broken: 4 });
    expect((r.evidence.broken as string[]).map((b) => b.split(': ')[1])).toEqual([
      'img/missing.png (no such file)',
      'runbooks/gone.md (no such file)',
      'runbooks/restore.md#no-such-heading (no heading #no-such-heading)',
      '#rollbakc (no heading #rollbakc)',
    ]);
  });
  it('passes when every local link resolves', async () => {
    const r = await run('docs.links', 'runbooks', {});
    expect(r).toMatchObject({ outcome: 'pass', evidence: { observed: { checked: 2, broken: 0 } } });
  });
});

describe('dr.playbooks', () => {
  it.each([
    [{ glob: '**/*.md', min: 3 }, 'pass', 3],
    [{ glob: '*.md', min: 3 }, 'fail', 2],
    [{ glob: 'dns/*.{md,txt}' }, 'pass', 1],
    [{ glob: '**/*.yml' }, 'fail', 0],
  ])('%j → %s (%d)', async (params, outcome, count) => {
    const r = await run('dr.playbooks', 'dr', params);
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.evidence.observed).toBe(count);
  });
});
