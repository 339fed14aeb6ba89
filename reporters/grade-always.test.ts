import { describe, expect, it } from 'vitest';
import { needsGradeReporter } from './grade-always.ts';

const GRADE = '/r/node_modules/.cache/readyspec/b1/grade-reporter.mjs';

describe('needsGradeReporter', () => {
  it.each([
    ['a --reporter=junit run', [['junit', {}]], true],
    [
      '--reporter=default --reporter=json',
      [
        ['default', {}],
        ['json', {}],
      ],
      true,
    ],
    ['the config as written', [[GRADE, {}]], false],
    ['a blob run (graded by its merge)', [['blob', {}]], false],
    [
      'blob beside junit',
      [
        ['junit', {}],
        ['blob', {}],
      ],
      false,
    ],
    ['an inline reporter instance', [{ onInit() {} }], true],
  ])('%s → %s', (_, reporters, needed) => {
    expect(needsGradeReporter(reporters, GRADE)).toBe(needed);
  });
});
