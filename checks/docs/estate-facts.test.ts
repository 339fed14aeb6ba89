// docs.claim against estate-wide and per-target facts, measured by backup.retention on real
// backup directories: a sum over a group, a count over the estate, one verdict per backup set
// of a table, and an estate sum that one unreadable set leaves unavailable.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackupDir } from '../../fixtures/lab/backups.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { BackupEntry, DocumentEntry } from '../../policies/types.ts';
import { backupProbes } from '../backup/probes.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { docsProbes } from './probes.ts';

const dir = labDir('estate-facts');
const KEPT = { db: 3, web: 2, test: 1 } as const;
const backups: BackupEntry[] = [
  { name: 'db', kind: 'directory', path: 'db/backups', groups: ['prod'] },
  { name: 'web', kind: 'directory', path: 'web/backups', groups: ['prod'] },
  { name: 'test', kind: 'directory', path: 'test/backups', groups: ['staging'] },
  { name: 'gone', kind: 'directory', path: 'no-such-dir', groups: ['broken'] },
];
const documents: DocumentEntry[] = [{ name: 'dr', path: 'DR.md' }];
const probes = [...docsProbes, ...backupProbes];
const claim = docsProbes.find((p) => p.name === 'docs.claim') as AnyProbe;
const retention = { check: 'backup.retention', params: { min: 0 }, field: 'count' };
let ctx: ReturnType<typeof labContext>;
const run = (params: Record<string, unknown>): Promise<ProbeResult> => claim.run(ctx, documents[0], params);

beforeAll(async () => {
  for (const [name, n] of Object.entries(KEPT)) {
    const at = (i: number) => new Date(Date.now() - (i + 1) * 86_400_000);
    await makeBackupDir(
      join(dir, name),
      Array.from({ length: n }, (_, i) => ({ name: `${name}-${i}.dump`, at: at(i), bytes: 100 })),
    );
  }
  mkdirSync(join(dir, 'reports'), { recursive: true });
  writeFileSync(
    join(dir, 'DR.md'),
    [
      '# Disaster recovery',
      '',
      'Production keeps **5** restore points; the estate keeps 6 restore points in 3 backup sets.',
      '',
      '## Backup sets',
      '',
      '| Set | Restore points |',
      '|-----|---------------:|',
      '| db  | 3 |',
      '| web | 2 |',
      '| test | 4 |',
      '| gone | 0 |',
      '',
      'Sentences: db keeps 3 points. web keeps 2 points.',
    ].join('\n'),
  );
  ctx = labContext({ baseDir: dir, inventory: { backups, documents }, probes });
});

afterAll(async () => {
  await ctx?.close();
  rmSync(dir, { recursive: true, force: true });
});

const estate = { names: ['db', 'web', 'test'] };

describe('estate-wide facts', () => {
  it.each([
    ['sum over a group', 'Production keeps (\\d+)', { over: { groups: ['prod'] }, aggregate: 'sum' }, 5],
    ['sum over names', 'estate keeps (\\d+)', { over: estate, aggregate: 'sum' }, 6],
    ['sum over all but one', 'estate keeps (\\d+)', { over: { exclude: ['gone'] }, aggregate: 'sum' }, 6],
    ['count of targets', 'in (\\d+) backup sets', { over: estate, aggregate: 'count' }, 3],
  ])('%s', async (_what, pattern, fact, expected) => {
    const r = await run({ pattern, fact: { ...retention, ...fact } });
    expect(r.outcome, r.message).toBe('pass');
    expect(r.evidence).toMatchObject({ expected });
    expect(r.subjects).toBeUndefined();
  });

  it('fails a claimed sum that is not the estate figure, showing each part', async () => {
    const r = await run({
      pattern: 'Production keeps (\\d+)',
      fact: { ...retention, over: estate, aggregate: 'sum' },
    });
    expect(r).toMatchObject({ outcome: 'fail', evidence: { observed: '5', expected: 6 } });
    expect(r.evidence.parts).toEqual({ db: 3, web: 2, test: 1 });
  });

  it('is an error naming the part whose check errored, never a smaller sum', async () => {
    const r = await run({
      pattern: 'estate keeps (\\d+)',
      fact: { ...retention, over: 'all', aggregate: 'sum' },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(
      /1 of 4 part\(s\) unavailable: backup.retention on gone could not measure: .*no-such-dir/,
    );
  });
});

describe('per-target facts', () => {
  it('gives one verdict per backup set of the table, each against its own figure', async () => {
    const r = await run({
      heading: 'Backup sets',
      cell: { column: 'Restore points' },
      fact: { ...retention, each: estate },
    });
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject, s.outcome, s.evidence.observed, s.evidence.expected])).toEqual([
      ['db', 'pass', '3', 3],
      ['web', 'pass', '2', 2],
      ['test', 'fail', '4', 1],
    ]);
  });

  it('reads sentences with {target}, and fails a target the document gives no figure for', async () => {
    const r = await run({
      pattern: '{target} keeps (\\d+) points',
      fact: { ...retention, each: { groups: ['prod', 'staging'] } },
    });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['db', 'pass'],
      ['web', 'pass'],
      ['test', 'fail'],
    ]);
    expect(r.subjects?.[2].message).toMatch(/claim not found \(no text matches \/test keeps/);
  });

  it('is an error for the target whose measurement failed, and only for it', async () => {
    const r = await run({
      heading: 'Backup sets',
      cell: { column: 'Restore points' },
      fact: { ...retention, each: ['db', 'gone'] },
    });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['db', 'pass'],
      ['gone', 'error'],
    ]);
    expect(r.subjects?.[1].message).toMatch(
      /cannot measure the fact.*backup.retention on gone could not measure/,
    );
  });
});
