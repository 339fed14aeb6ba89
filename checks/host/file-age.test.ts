import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { LocalTransport } from '../transport/local.ts';
import { fileAge } from './file-age.ts';

const local = new LocalTransport('local', { timeoutMs: 5000 });
const dir = labDir('file-age');
const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
mkdirSync(join(dir, 'backups/daily'), { recursive: true });
mkdirSync(join(dir, 'empty'));
for (const [name, age] of [
  ['backups/daily/db-1.sql.gz', 50],
  ['backups/daily/db-2.sql.gz', 20],
  ['backups/daily/notes.txt', 1],
  ['backups/old file.tar', 100],
] as const) {
  writeFileSync(join(dir, name), 'x');
  utimesSync(join(dir, name), hoursAgo(age), hoursAgo(age));
}

describe('host.file-age', () => {
  it.each([
    [{ path: `${dir}/backups`, maxAgeHours: 2 }, 'pass', 'notes.txt'],
    [{ path: `${dir}/backups`, maxAgeHours: 24, pattern: '*.sql.gz' }, 'pass', 'db-2.sql.gz'],
    [{ path: `${dir}/backups`, maxAgeHours: 12, pattern: '*.sql.gz' }, 'fail', 'db-2.sql.gz'],
    [{ path: `${dir}/backups/old file.tar`, maxAgeHours: 99 }, 'fail', 'old file.tar'],
  ])('%j → %s', async (params, outcome, newest) => {
    const r = await fileAge(local, params, now);
    expect(r.outcome).toBe(outcome);
    expect((r.evidence.observed as { newest: string }).newest).toMatch(newest);
  });

  it.each([
    [{ path: `${dir}/missing`, maxAgeHours: 1 }, /does not exist/],
    [{ path: `${dir}/empty`, maxAgeHours: 1 }, /no file under/],
    [{ path: `${dir}/backups`, maxAgeHours: 1, pattern: '*.zst' }, /no file matching \*\.zst/],
  ])('fails with a clear message: %j', async (params, message) => {
    const r = await fileAge(local, params, now);
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(message);
  });
});
