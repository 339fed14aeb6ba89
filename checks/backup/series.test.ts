import { describe, expect, it } from 'vitest';
import { seriesOf } from './directory.ts';
import type { BackupReader, Snapshot } from './reader.ts';
import { backupSize } from './size.ts';

describe('seriesOf', () => {
  it.each([
    ['db-2026-12-01.sql.gz', 'db-#-#-#'],
    ['old/db-2026-11-30.sql', 'db-#-#-#'],
    ['blog/files-2026-12-01T0300.tar.gz', 'files-#-#-#T#'],
    ['.hidden-1.tar', '.hidden-#'],
    ['nightly', 'nightly'],
  ])('%s → %s', (path, series) => expect(seriesOf(path)).toBe(series));
});

/** A directory-like reader over fixed files (oldest first), each with its series. */
const reader = (files: [string, number][]): BackupReader => {
  const snapshots: Snapshot[] = files.map(([id, bytes], i) => ({
    id,
    bytes,
    time: new Date(Date.UTC(2026, 11, 1, i)).toISOString(),
    series: seriesOf(id),
  }));
  return {
    source: 'lab:/var/backups/blog',
    list: async () => snapshots,
    size: async (s) => s.bytes ?? 0,
    restore: async () => {
      throw new Error('not used');
    },
  };
};

describe('backup.size compares a backup only with its own series', () => {
  it('a dump beside a much larger files archive is no shrink', async () => {
    const r = await backupSize(
      reader([
        ['blog-db-2026-11-30.sql.gz', 10_000],
        ['blog-files-2026-11-30.tar.gz', 900_000],
        ['blog-files-2026-12-01.tar.gz', 910_000],
        ['blog-db-2026-12-01.sql.gz', 10_100],
      ]),
      { maxShrinkPercent: 20 },
    );
    expect(r.outcome, r.message).toBe('pass');
    expect(r.evidence).toMatchObject({
      snapshot: 'blog-db-2026-12-01.sql.gz',
      previous: 'blog-db-2026-11-30.sql.gz',
      series: 'blog-db-#-#-#',
    });
  });

  it('still fails a dump that shrank within its series', async () => {
    const r = await backupSize(
      reader([
        ['blog-db-2026-11-30.sql.gz', 10_000],
        ['blog-files-2026-12-01.tar.gz', 900_000],
        ['blog-db-2026-12-01.sql.gz', 2_000],
      ]),
      { maxShrinkPercent: 20 },
    );
    expect(r.outcome, r.message).toBe('fail');
    expect(r.message).toMatch(/80% smaller than the previous \(10000 → 2000 bytes\)/);
  });

  it('the first backup of a new series has nothing to compare with', async () => {
    const r = await backupSize(
      reader([
        ['blog-files-2026-12-01.tar.gz', 900_000],
        ['blog-db-2026-12-01.sql.gz', 2_000],
      ]),
      { maxShrinkPercent: 20 },
    );
    expect(r.outcome, r.message).toBe('pass');
    expect(r.message).toMatch(/no previous backup of its series to compare/);
  });
});
