import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';
import { expectValidResults } from './expect-results.ts';
import { validateResults } from './results-schema.ts';
import { writeReports } from './run.ts';
import { samplePolicy, sampleRows } from './sample.ts';

describe('results.schema.json', () => {
  it('accepts what writeReports writes, whole and partial', async () => {
    const dir = labDir('results-schema');
    const now = new Date('2026-11-23T12:00:00Z');
    await writeReports(sampleRows(), samplePolicy(), { reportsDir: dir, now });
    await writeReports(sampleRows(), samplePolicy(), {
      reportsDir: dir,
      now,
      partial: { reason: 'only tests whose name matches -t "x" ran' },
    });
    expectValidResults(dir, 2);
    const written = JSON.parse(readFileSync(join(dir, '2026-11-23', 'results.json'), 'utf8'));
    expect(Object.keys(written).slice(0, 5)).toEqual([
      'schemaVersion',
      'date',
      'generatedAt',
      'provenance',
      'policy',
    ]);
  });

  it.each([
    [
      'without provenance',
      (r: Record<string, unknown>) => delete r.provenance,
      "/ must have required property 'provenance'",
    ],
    [
      'an unknown outcome',
      (r: Record<string, unknown>) => {
        (r.controls as Record<string, unknown>[])[0].outcome = 'maybe';
      },
      '/controls/0/outcome must be equal to one of the allowed values',
    ],
    [
      'a digest that is no sha256',
      (r: Record<string, unknown>) => {
        (r.provenance as { policy: { digest: string } }).policy.digest = 'md5:x';
      },
      '/provenance/policy/digest must match pattern "^sha256:[0-9a-f]{64}$"',
    ],
  ])('refuses a results.json %s', async (_, spoil, problem) => {
    const dir = labDir('results-schema-bad');
    const written = await writeReports(sampleRows(), samplePolicy(), {
      reportsDir: dir,
      now: new Date('2026-11-23T12:00:00Z'),
    });
    const results = JSON.parse(JSON.stringify(written.results));
    spoil(results);
    expect(validateResults(results)).toContain(problem);
  });
});
