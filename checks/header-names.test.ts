/** Header names are RFC 7230 tokens; literal values hold no CR, LF or NUL. */
import { describe, expect, it } from 'vitest';
import { headerNameProblem, headerNameProblems, headerValueProblem } from './header-names.ts';

describe('header names and values', () => {
  it.each(['X-Frame-Options', 'content-security-policy', "x!#$%&'*+.^_`|~1"])('name %s is a token', (n) =>
    expect(headerNameProblem(n)).toBeUndefined(),
  );
  it.each(['X Frame', 'a:b', '', 'Ünicode', 'a\r\nb', '(x)'])('name %j is refused', (n) =>
    expect(headerNameProblem(n)).toMatch(/is not an RFC 7230 token/),
  );
  it.each(['a\r\nSet-Cookie: x', 'a\nb', 'a\0'])('value %j is refused', (v) =>
    expect(headerValueProblem(v)).toMatch(/holds a CR, LF or NUL/),
  );
  it('accepts a value with tabs and spaces', () => expect(headerValueProblem('a\tb c')).toBeUndefined());
  it('points into the list', () =>
    expect(headerNameProblems('/headers', ['ok', 'no way']).map((p) => p.path)).toEqual(['/headers/1']));
});
