import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Budget,
  budgetState,
  percentile,
  percentileRank,
  type Sample,
  sampleMs,
  verdictSoFar,
} from './http-sampling.ts';

const ms = (v: number): Sample => ({ ms: v, status: 200, reused: true });
const cut = (v: number): Sample => ({ overMs: v, cut: 'budget', reused: true });
const p50: Budget = { name: 'p50', percentile: 50, ms: 100 };
const p95: Budget = { name: 'p95', percentile: 95, ms: 100 };

describe('percentile (nearest rank)', () => {
  it.each([
    [[10], 50, 10],
    [[10], 95, 10],
    [[1, 2, 3, 4, 5], 50, 3],
    [[1, 2, 3, 4, 5], 95, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('%j p%i = %i', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe('budgetState: certain only when the samples not yet taken cannot change it', () => {
  it.each<[string, Sample[], Budget, number, string]>([
    ['nothing taken', [], p50, 5, 'open'],
    ['3 of 5 within the median budget', [ms(10), ms(20), ms(30)], p50, 5, 'met'],
    ['2 of 5 within: 3 slow ones could follow', [ms(10), ms(20)], p50, 5, 'open'],
    ['3 of 5 over the median budget', [ms(200), ms(300), ms(400)], p50, 5, 'exceeded'],
    ['p95 of 5 is the maximum: one slow sample decides', [ms(10), ms(101)], p95, 5, 'exceeded'],
    ['p95 of 5: four within are not enough', [ms(1), ms(2), ms(3), ms(4)], p95, 5, 'open'],
    ['p95 of 20: one slow sample is tolerated', [ms(500)], p95, 20, 'open'],
    ['p95 of 20: two slow samples decide', [ms(500), ms(500)], p95, 20, 'exceeded'],
    ['a sample exactly at the budget is within it', [ms(100)], p95, 1, 'met'],
    ['a sample cut at the budget is over it', [cut(100)], p95, 1, 'exceeded'],
    ['a sample cut below the budget says nothing', [cut(50)], p95, 1, 'undecided'],
    ['a cut sample says nothing about a larger budget', [cut(50), ms(10), ms(10)], p50, 3, 'met'],
  ])('%s', (_name, samples, budget, planned, state) => {
    expect(budgetState(samples, budget, planned)).toBe(state);
  });

  it('verdictSoFar: one exceeded budget fails, all met pass', () => {
    const fast = [ms(10), ms(10), ms(10)];
    expect(verdictSoFar(fast, [p50], 5)).toBe('pass');
    expect(verdictSoFar(fast, [p50, p95], 5)).toBe('open');
    expect(verdictSoFar([...fast, ms(500)], [p50, p95], 5)).toBe('fail');
    expect(verdictSoFar([cut(50)], [p95], 1)).toBe('undecided');
  });

  // Stopping early must never contradict the full run: whatever the remaining samples are,
  // the percentile over all planned samples agrees with a certain verdict, and so does the
  // percentile over the samples taken (what the evidence shows).
  it('a certain verdict holds for every continuation and for the samples taken', () => {
    const sample = fc.integer({ min: 1, max: 300 }).map(ms);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(50, 95, 99),
        fc.integer({ min: 1, max: 300 }),
        fc.array(sample, { maxLength: 30 }),
        fc.array(sample, { maxLength: 30 }),
        (planned, p, limit, first, rest) => {
          const budget: Budget = { name: `p${p}`, percentile: p, ms: limit };
          const taken = first.slice(0, planned);
          const state = budgetState(taken, budget, planned);
          if (state !== 'met' && state !== 'exceeded') return;
          const all = [...taken, ...rest].slice(0, planned);
          while (all.length < planned) all.push(ms(1 + (all.length % 300)));
          const sorted = (s: Sample[]) => s.map(sampleMs).sort((a, b) => a - b);
          for (const values of [sorted(all), sorted(taken)]) {
            const value = values[percentileRank(p, values.length) - 1];
            expect(value <= limit).toBe(state === 'met');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
