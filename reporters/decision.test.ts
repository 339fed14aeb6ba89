import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../policies/default-rubric.ts';
import type { Rubric } from '../policies/types.ts';
import { decide } from './decision.ts';
import type { Row } from './rows.ts';
import { sampleRow as row } from './sample.ts';
import { scoreRun } from './score.ts';

const passes = (n: number, category = 'availability'): Row[] =>
  Array.from({ length: n }, (_, i) => row({ id: `P-${category}-${i}`, category, severity: 'high' }));
const withMinimum: Rubric = {
  ...defaultRubric,
  categories: { ...defaultRubric.categories, security: { weight: 15, minimum: 80, title: 'Security' } },
};

describe('decide', () => {
  it.each([
    { name: 'all passing is READY', rubric: defaultRubric, rows: passes(10), blocking: [] as string[] },
    {
      name: 'a score under the threshold blocks',
      rubric: defaultRubric,
      rows: [...passes(5), ...Array.from({ length: 3 }, (_, i) => row({ id: `F${i}`, outcome: 'fail' }))],
      blocking: ['score:'],
    },
    {
      name: 'a category under its minimum blocks even with a high overall score',
      rubric: withMinimum,
      rows: [
        ...passes(50),
        ...passes(3, 'security'),
        row({ id: 'S', category: 'security', outcome: 'fail', severity: 'high' }),
      ],
      blocking: ['category:security'],
    },
    {
      name: 'a failing blocking control blocks whatever the grade',
      rubric: defaultRubric,
      rows: [
        ...passes(40),
        row({ id: 'B-1', blocking: true, severity: 'low', outcome: 'fail', target: 'db' }),
      ],
      blocking: ['control:B-1@db'],
    },
    {
      name: 'an inconclusive blocking control blocks too',
      rubric: defaultRubric,
      rows: [
        ...passes(40),
        row({ id: 'B-1', blocking: true, severity: 'low', outcome: 'error', target: 'db' }),
      ],
      blocking: ['control:B-1@db'],
    },
    {
      name: 'a waived blocking control does not block',
      rubric: defaultRubric,
      rows: [...passes(40), row({ id: 'B-1', blocking: true, outcome: 'waived' })],
      blocking: [],
    },
    {
      name: 'an incomplete run blocks on coverage (and not on score)',
      rubric: defaultRubric,
      rows: [...passes(5), row({ id: 'E1', outcome: 'error' }), row({ id: 'E2', outcome: 'error' })],
      blocking: ['coverage:'],
    },
  ])('$name', ({ rubric, rows, blocking }) => {
    const card = scoreRun(rows, rubric);
    const decision = decide(rows, card, rubric);
    expect(decision.blocking.map((b) => `${b.kind}:${b.ref}`)).toEqual(blocking);
    expect(decision.ready).toBe(blocking.length === 0);
  });

  it('says what blocks in words an operator can act on', () => {
    const rows = [
      ...passes(50),
      ...passes(3, 'security'),
      row({
        id: 'S',
        category: 'security',
        outcome: 'fail',
        severity: 'high',
        blocking: true,
        target: 'web',
        message: 'TLS 1.0 enabled',
      }),
    ];
    const { blocking } = decide(rows, scoreRun(rows, withMinimum), withMinimum);
    expect(blocking.map((b) => b.message)).toEqual([
      'Security scores 75, below its minimum 80',
      'S fails on web: TLS 1.0 enabled',
    ]);
  });

  it('names the share when coverage blocks', () => {
    const rows = [...passes(3), row({ id: 'E1', outcome: 'error' })];
    const { blocking } = decide(rows, scoreRun(rows, defaultRubric), defaultRubric);
    expect(blocking[0].message).toBe('1 of 4 evaluated controls inconclusive (25% > 10% allowed)');
  });
});
