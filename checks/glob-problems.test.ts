/** globProblem: picomatch's own reading of a glob decides, with a length cap. */
import { describe, expect, it } from 'vitest';
import { globProblem, globProblems, MAX_GLOB_CHARS } from './glob-problems.ts';

describe('globProblem', () => {
  it.each(['**/*.md', 'dr/**/*.{md,txt}', '[!.]*.md', 'runbooks/?-*.md', '!(draft)*.md'])('accepts %s', (g) =>
    expect(globProblem(g)).toBeUndefined(),
  );

  it.each([
    ['**/*.{md', /unterminated group/],
    ['[z-a]', /range out of order/],
    ['x'.repeat(MAX_GLOB_CHARS + 1), /1025 characters long, more than 1024/],
  ])('refuses %s', (g, why) => expect(globProblem(g)).toMatch(why));

  it('places each problem at its pointer and skips absent globs', () => {
    expect(
      globProblems([
        ['/glob', undefined],
        ['/a', '{x'],
      ]),
    ).toEqual([{ path: '/a', message: expect.stringMatching(/^glob "\{x" does not parse/) }]);
  });
});
