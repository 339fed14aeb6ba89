import { describe, expect, it } from 'vitest';
import type { ProbedMeta } from '../../reporters/meta.ts';
import { CategoryRun } from './category-run.ts';

const meta = (target: string, subject?: string): ProbedMeta => ({
  id: 'C-1',
  target,
  ...(subject ? { subject } : {}),
  targetKind: 'host',
  outcome: 'pass',
  message: 'ok',
  evidence: {},
  durationMs: 1,
});

describe('CategoryRun', () => {
  it('is titled at once when no check is over a collection', () => {
    const run = new CategoryRun();
    run.addTest('A @ a');
    run.seal();
    expect(run.titled).toBe(true);
    expect(run.titles).toEqual(['A @ a']);
  });

  it('names collection tests in plan order once the last collection check is in, then hands over earlier results', () => {
    const run = new CategoryRun();
    run.addTest('A @ a'); // index 0
    run.expectSubjects(); // plan 1, target 0
    run.expectSubjects(); // plan 1, target 1
    run.seal();
    const got: [number, ProbedMeta][] = [];
    let titledAt = -1;
    run.whenTitled(() => {
      titledAt = got.length;
    });
    run.listen((i, m) => got.push([i, m]));
    run.settle(0, meta('a'));
    expect(run.titled).toBe(false);
    // Target 1 settles first; its tests still come after target 0's.
    run.settleSubjects({ plan: 1, target: 1, tests: [{ title: 'B @ h2 › x', meta: meta('h2', 'x') }] });
    expect(run.titled).toBe(false);
    run.settleSubjects({
      plan: 1,
      target: 0,
      tests: [
        { title: 'B @ h1 › web', meta: meta('h1', 'web') },
        { title: 'B @ h1 › db', meta: meta('h1', 'db') },
      ],
    });
    expect(run.titled).toBe(true);
    expect(titledAt).toBe(4);
    expect(run.titles).toEqual(['A @ a', 'B @ h1 › web', 'B @ h1 › db', 'B @ h2 › x']);
    expect(got.map(([i, m]) => [i, m.target, m.subject])).toEqual([
      [0, 'a', undefined],
      [1, 'h1', 'web'],
      [2, 'h1', 'db'],
      [3, 'h2', 'x'],
    ]);
    expect(() => run.settleSubjects({ plan: 2, target: 0, tests: [] })).toThrow(
      'after its category was titled',
    );
  });
});
