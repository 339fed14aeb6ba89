import { describe, expect, it } from 'vitest';
import { describeStatus, parsePorcelain } from './porcelain.ts';

describe('parsePorcelain', () => {
  it.each([
    ['nothing', '', []],
    [
      'modified and untracked',
      ' M a.txt\0?? new file.txt\0',
      [
        { code: ' M', path: 'a.txt' },
        { code: '??', path: 'new file.txt' },
      ],
    ],
    [
      'rename carries its origin',
      'R  new.txt\0old.txt\0 M b\0',
      [
        { code: 'R ', path: 'new.txt', from: 'old.txt' },
        { code: ' M', path: 'b' },
      ],
    ],
    ['newline in a name stays in the name', 'A  line\nbreak\0', [{ code: 'A ', path: 'line\nbreak' }]],
  ])('%s', (_, output, expected) => {
    expect(parsePorcelain(output)).toEqual(expected);
  });
});

describe('describeStatus', () => {
  it.each([
    ['??', 'untracked'],
    [' M', 'modified'],
    ['M ', 'modified (staged)'],
    ['MM', 'modified (staged), modified'],
    ['UU', 'unmerged'],
    ['D ', 'deleted (staged)'],
  ])('%j → %s', (code, words) => {
    expect(describeStatus(code)).toBe(words);
  });
});
