/** boundsProblems: a lower bound above its upper bound leaves nothing to pass. */
import { describe, expect, it } from 'vitest';
import { boundsProblems } from './bounds.ts';

describe('boundsProblems', () => {
  it.each([
    [{ min: 1, max: 3 }, []],
    [{ min: 3, max: 3 }, []],
    [{ min: 3 }, []],
    [{ max: 3 }, []],
    [{ min: 4, max: 3 }, [{ path: '/max', message: 'min 4 is above max 3: no value can pass' }]],
  ])('%o', (p, problems) => expect(boundsProblems(p, [['min', 'max']])).toEqual(problems));

  it('prefixes the pointer', () =>
    expect(boundsProblems({ min: 2, max: 1 }, [['min', 'max']], '/expect/0')[0]).toMatchObject({
      path: '/expect/0/max',
    }));
});
