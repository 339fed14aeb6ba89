import { describe, expect, it } from 'vitest';
import { parsePath, readPath } from './json-path.ts';

describe('JSON paths', () => {
  it.each([
    ['a', ['a']],
    ['a.b', ['a', 'b']],
    ['a.b[0].c', ['a', 'b', 0, 'c']],
    ['[2].x', [2, 'x']],
    ['checks[10]', ['checks', 10]],
  ])('parses %s', (path, steps) => {
    expect(parsePath(path)).toEqual(steps);
  });

  it.each(['', 'a..b', 'a[x]', 'a[1', '.'])('rejects %j', (path) => {
    expect(() => parsePath(path)).toThrow(/malformed JSON path/);
  });

  it.each([
    [{ a: { b: [1, { c: null }] } }, 'a.b[1].c', { exists: true, value: null }],
    [{ a: { b: [1] } }, 'a.b[3]', { exists: false }],
    [{ a: 'text' }, 'a.length', { exists: false }],
    [[{ id: 7 }], '[0].id', { exists: true, value: 7 }],
  ])('reads %j at %s', (doc, path, expected) => {
    expect(readPath(doc, path)).toEqual(expected);
  });
});

describe('inherited properties are never found', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'a.constructor', 'list.map'])(
    '%s',
    (path) => {
      expect(readPath({ a: {}, list: [] }, path)).toEqual({ exists: false });
    },
  );
  it('an own property of that name is found', () => {
    expect(readPath(JSON.parse('{"constructor":1,"__proto__":2}'), 'constructor')).toEqual({
      exists: true,
      value: 1,
    });
    expect(readPath(JSON.parse('{"__proto__":2}'), '__proto__')).toEqual({ exists: true, value: 2 });
  });
});
