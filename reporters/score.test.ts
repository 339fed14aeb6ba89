import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../policies/default-rubric.ts';
import type { Rubric } from '../policies/types.ts';
import { sampleRow as row } from './sample.ts';
import { INCOMPLETE, letterFor, overallScore, scoreCategories, scoreRun } from './score.ts';

describe('overallScore and letterFor', () => {
  it("reproduces the readiness proposal's own figures: 66.1, C+", () => {
    const scores: Record<string, number> = {
      availability: 60,
      reliability: 85,
      monitoring: 70,
      security: 75,
      documentation: 55,
      'backup-dr': 65,
      'change-control': 90,
      acceptance: 40,
    };
    const categories = Object.entries(defaultRubric.categories).map(([id, c]) => ({
      weight: c.weight,
      score: scores[id],
    }));
    const score = overallScore(categories);
    expect(score).toBe(66.1);
    expect(letterFor(score!, defaultRubric)).toBe('C+');
  });

  it('leaves categories without evaluated controls out of the denominator', () => {
    expect(
      overallScore([
        { weight: 20, score: 80 },
        { weight: 10, score: null },
      ]),
    ).toBe(80);
    expect(overallScore([{ weight: 20, score: null }])).toBeNull();
  });

  it.each([
    [100, 'A+++'],
    [95, 'A+++'],
    [94.9, 'A+'],
    [90, 'A+'],
    [85, 'A'],
    [80, 'A-'],
    [75, 'B+'],
    [70, 'B'],
    [65, 'C+'],
    [60, 'C'],
    [59.9, 'Failing'],
    [0, 'Failing'],
  ])('score %d → %s', (score, letter) => {
    expect(letterFor(score, defaultRubric)).toBe(letter);
  });
});

describe('scoreCategories', () => {
  it.each([
    {
      name: 'severity weights: high met, medium failed',
      rows: [row({ id: 'A', severity: 'high' }), row({ id: 'B', outcome: 'fail' })],
      score: 70,
    },
    {
      name: 'error counts as not met',
      rows: [row({ id: 'A', severity: 'low' }), row({ id: 'B', severity: 'low', outcome: 'error' })],
      score: 50,
    },
    {
      name: 'waived leaves the denominator',
      rows: [row({ id: 'A' }), row({ id: 'B', outcome: 'waived', severity: 'critical' })],
      score: 100,
    },
    {
      name: 'not-applicable leaves the denominator',
      rows: [row({ id: 'A', outcome: 'fail' }), row({ id: 'B', outcome: 'not-applicable' })],
      score: 0,
    },
    {
      name: 'info weighs nothing',
      rows: [row({ id: 'A', severity: 'info', outcome: 'fail' }), row({ id: 'B', severity: 'low' })],
      score: 100,
    },
    { name: 'only info controls: no score', rows: [row({ id: 'A', severity: 'info' })], score: null },
    {
      name: 'critical failed, two high met',
      rows: [
        row({ id: 'A', severity: 'critical', outcome: 'fail' }),
        row({ id: 'B', severity: 'high' }),
        row({ id: 'C', severity: 'high' }),
      ],
      score: 58.3,
    },
  ])('$name → $score', ({ rows, score }) => {
    const availability = scoreCategories(rows, defaultRubric).find((c) => c.id === 'availability')!;
    expect(availability.score).toBe(score);
  });

  it('counts evaluated and met per category, and keeps rubric order', () => {
    const cats = scoreCategories(
      [row({ id: 'A' }), row({ id: 'B', outcome: 'error' }), row({ id: 'C', outcome: 'waived' })],
      defaultRubric,
    );
    expect(cats.map((c) => c.id)).toEqual(Object.keys(defaultRubric.categories));
    expect(cats[0]).toMatchObject({
      evaluated: 2,
      met: 1,
      weight: 20,
      counts: { pass: 1, error: 1, waived: 1 },
    });
    expect(cats[1]).toMatchObject({ score: null, evaluated: 0 });
  });
});

describe('scoreRun', () => {
  const passes = (n: number, category = 'availability') =>
    Array.from({ length: n }, (_, i) => row({ id: `P-${category}-${i}`, category }));

  it.each([
    {
      name: 'no cap when nothing critical fails',
      rows: [...passes(9), row({ id: 'X', severity: 'high', outcome: 'fail' })],
      grade: { score: 79.4, letter: 'B+', capped: false },
    },
    {
      name: 'a failed critical caps an A at C',
      rows: [...passes(40), row({ id: 'SEC-1', severity: 'critical', outcome: 'fail', target: 'db' })],
      grade: {
        score: 92.3,
        letter: 'C',
        capped: true,
        capReason: 'critical control SEC-1 failed on db (letter capped at C)',
      },
    },
    {
      name: 'a cap never raises a lower letter',
      rows: [row({ id: 'A' }), row({ id: 'SEC-1', severity: 'critical', outcome: 'fail' })],
      grade: { score: 23.1, letter: 'Failing', capped: false },
    },
    {
      name: 'a waived critical does not cap',
      rows: [...passes(3), row({ id: 'SEC-1', severity: 'critical', outcome: 'waived' })],
      grade: { score: 100, letter: 'A+++', capped: false },
    },
    {
      name: 'an inconclusive critical does not cap (it counts against coverage instead)',
      rows: [...passes(20), row({ id: 'SEC-1', severity: 'critical', outcome: 'error' })],
      grade: { score: 85.7, letter: 'A', capped: false },
    },
  ])('$name', ({ rows, grade }) => {
    const card = scoreRun(rows, defaultRubric);
    expect(card.incomplete).toBe(false);
    expect(card.grade).toEqual(grade);
  });

  it('uses the strictest cap when several severities cap', () => {
    const rubric: Rubric = { ...defaultRubric, caps: { critical: 'C', high: 'B+' } };
    const card = scoreRun(
      [
        ...passes(60),
        row({ id: 'H', severity: 'high', outcome: 'fail' }),
        row({ id: 'C', severity: 'critical', outcome: 'fail' }),
      ],
      rubric,
    );
    expect(card.grade).toMatchObject({ letter: 'C', capped: true });
    const highOnly = scoreRun([...passes(60), row({ id: 'H', severity: 'high', outcome: 'fail' })], rubric);
    expect(highOnly.grade).toMatchObject({ letter: 'B+', capped: true });
  });

  it.each([
    { name: '1 of 10 inconclusive is within 10%', errors: 1, passes: 9, incomplete: false },
    { name: '2 of 10 inconclusive is over 10%', errors: 2, passes: 8, incomplete: true },
    { name: 'nothing evaluated', errors: 0, passes: 0, incomplete: true },
  ])('coverage gate: $name', ({ errors, passes: n, incomplete }) => {
    const rows = [
      ...passes(n),
      ...Array.from({ length: errors }, (_, i) => row({ id: `E${i}`, outcome: 'error' })),
    ];
    const card = scoreRun(rows, defaultRubric);
    expect(card.incomplete).toBe(incomplete);
    expect(card.coverage).toMatchObject({ evaluated: n + errors, inconclusive: errors, max: 0.1 });
    if (incomplete) expect(card.grade).toEqual({ score: null, letter: INCOMPLETE, capped: false });
    else expect(card.grade.letter).not.toBe(INCOMPLETE);
  });

  it('weights categories by the rubric over categories that ran', () => {
    const rows = [
      row({ id: 'A', category: 'availability' }),
      row({ id: 'S', category: 'security', outcome: 'fail' }),
    ];
    // availability 100 × 20, security 0 × 15 → 2000 / 35
    expect(scoreRun(rows, defaultRubric).grade.score).toBe(57.1);
  });
});
