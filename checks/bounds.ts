/**
 * Params that bound one figure from both sides (`min`/`max`) must leave some value to pass:
 * a lower bound above the upper one makes every target fail, which is the policy's mistake.
 */
import type { ParamProblem } from './registry.ts';

/**
 * One problem for each pair whose lower bound exceeds its upper bound, at the upper one's path.
 * @example boundsProblems({ min: 7, max: 3 }, [['min', 'max']]) // [{ path: '/max', message: 'min 7 is above max 3: no value can pass' }]
 */
export function boundsProblems(
  p: Record<string, unknown>,
  pairs: [low: string, high: string][],
  base = '',
): ParamProblem[] {
  return pairs.flatMap(([low, high]) => {
    const a = p[low];
    const b = p[high];
    if (typeof a !== 'number' || typeof b !== 'number' || a <= b) return [];
    return [{ path: `${base}/${high}`, message: `${low} ${a} is above ${high} ${b}: no value can pass` }];
  });
}
