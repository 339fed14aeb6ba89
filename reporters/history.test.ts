import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRuns, readHistory } from './history.ts';
import type { RowOutcome } from './meta.ts';
import type { Results } from './results.ts';
import { writeReports } from './run.ts';
import { samplePolicy, sampleRow } from './sample.ts';

function run(score: number | null, controls: [string, RowOutcome][]): Results {
  return {
    date: '2025-01-30',
    generatedAt: '2025-01-30T10:00:00.000Z',
    grade: { score, letter: 'B', capped: false },
    decision: { ready: false, blocking: [] },
    controls: controls.map(([key, outcome]) => {
      const [id, target] = key.split('@');
      return { id, target, title: id, outcome } as Results['controls'][number];
    }),
  } as unknown as Results;
}

describe('diffRuns', () => {
  it.each([
    {
      name: 'pass → fail is a regression',
      before: [['A@h', 'pass']],
      now: [['A@h', 'fail']],
      expected: { regressed: ['A@h'] },
    },
    {
      name: 'pass → error is a regression',
      before: [['A@h', 'pass']],
      now: [['A@h', 'error']],
      expected: { regressed: ['A@h'] },
    },
    { name: 'absent → fail is new', before: [], now: [['A@h', 'fail']], expected: { newFailures: ['A@h'] } },
    {
      name: 'waived → fail (waiver lapsed) is new',
      before: [['A@h', 'waived']],
      now: [['A@h', 'fail']],
      expected: { newFailures: ['A@h'] },
    },
    {
      name: 'fail → pass is fixed',
      before: [['A@h', 'fail']],
      now: [['A@h', 'pass']],
      expected: { fixed: ['A@h'] },
    },
    {
      name: 'error → waived is fixed',
      before: [['A@h', 'error']],
      now: [['A@h', 'waived']],
      expected: { fixed: ['A@h'] },
    },
    { name: 'fail → error is neither', before: [['A@h', 'fail']], now: [['A@h', 'error']], expected: {} },
    {
      name: 'targets are told apart',
      before: [['A@h1', 'pass']],
      now: [
        ['A@h1', 'pass'],
        ['A@h2', 'fail'],
      ],
      expected: { newFailures: ['A@h2'] },
    },
    { name: 'a control that disappeared is not "fixed"', before: [['A@h', 'fail']], now: [], expected: {} },
  ] as {
    name: string;
    before: [string, RowOutcome][];
    now: [string, RowOutcome][];
    expected: Record<string, string[]>;
  }[])('$name', ({ before, now, expected }) => {
    const d = diffRuns(run(70, before), run(72.5, now));
    const keys = (list: { id: string; target: string }[]) => list.map((c) => `${c.id}@${c.target}`);
    expect({ newFailures: keys(d.newFailures), regressed: keys(d.regressed), fixed: keys(d.fixed) }).toEqual({
      newFailures: [],
      regressed: [],
      fixed: [],
      ...expected,
    });
    expect(d.scoreDelta).toBe(2.5);
  });

  it('has no score delta when either run had no grade', () => {
    expect(diffRuns(run(null, []), run(80, [])).scoreDelta).toBeNull();
  });
});

describe('history across runs', () => {
  it('appends one line per run and shows new, fixed, regressed and the grade move in the next assessment', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-history-'));
    const policy = samplePolicy();
    const day1 = [
      sampleRow({ id: 'A-1', target: 'web' }),
      sampleRow({ id: 'A-2', outcome: 'fail', message: 'down' }),
      sampleRow({ id: 'A-3' }),
    ];
    await writeReports(day1, policy, { reportsDir, now: new Date('2025-01-30T10:00:00Z') });
    const day2 = [
      sampleRow({ id: 'A-1', target: 'web', outcome: 'fail', message: 'now 500' }),
      sampleRow({ id: 'A-2' }),
      sampleRow({ id: 'A-3' }),
      sampleRow({ id: 'A-4', outcome: 'fail', message: 'new control fails' }),
    ];
    const second = await writeReports(day2, policy, { reportsDir, now: new Date('2025-01-31T10:00:00Z') });

    const history = await readHistory(reportsDir);
    expect(history).toEqual([
      {
        date: '2025-01-30',
        generatedAt: '2025-01-30T10:00:00.000Z',
        score: 66.7,
        letter: 'C+',
        ready: false,
        counts: { pass: 2, fail: 1, error: 0, waived: 0, 'not-applicable': 0 },
        results: '2025-01-30/results.json',
      },
      {
        date: '2025-01-31',
        generatedAt: '2025-01-31T10:00:00.000Z',
        score: 50,
        letter: 'Failing',
        ready: false,
        counts: { pass: 2, fail: 2, error: 0, waived: 0, 'not-applicable': 0 },
        results: '2025-01-31/results.json',
      },
    ]);
    expect(second.report.delta).toMatchObject({
      scoreDelta: -16.7,
      previous: { letter: 'C+', score: 66.7 },
      newFailures: [{ id: 'A-4', before: null, now: 'fail' }],
      regressed: [{ id: 'A-1', before: 'pass', now: 'fail' }],
      fixed: [{ id: 'A-2', before: 'fail', now: 'pass' }],
    });
    const md = readFileSync(
      join(reportsDir, '2025-01-31', 'PRODUCTION_READY_ASSESSMENT_2025-01-31.md'),
      'utf8',
    );
    expect(md).toContain('grade C+ 66.7 → Failing 50.0 (-16.7)');
    expect(md).toMatch(/### New failures\n\n- `A-4` on web: absent → fail/);
    expect(md).toMatch(/### Regressed \(passing before\)\n\n- `A-1` on web: pass → fail/);
    expect(md).toMatch(/### Fixed\n\n- `A-2` on web: fail → pass/);
  });

  it('compares with an earlier run the same day before overwriting its results.json', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-history-'));
    const policy = samplePolicy();
    await writeReports([sampleRow({ id: 'A-1', outcome: 'fail' })], policy, {
      reportsDir,
      now: new Date('2025-01-31T08:00:00Z'),
    });
    const again = await writeReports([sampleRow({ id: 'A-1' })], policy, {
      reportsDir,
      now: new Date('2025-01-31T09:00:00Z'),
    });
    expect(again.report.delta?.fixed.map((c) => c.id)).toEqual(['A-1']);
    expect(await readHistory(reportsDir)).toHaveLength(2);
  });
});
