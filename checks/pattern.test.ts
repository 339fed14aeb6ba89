/**
 * Policy patterns run in RE2: a catastrophic-backtracking pattern against a hostile answer
 * finishes in milliseconds (in V8's engine `^(a+)+$` on 41 bytes takes minutes), and what RE2
 * cannot run is refused with the reason, never run elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabServer, startSlowServer } from '../fixtures/lab/servers.ts';
import { bodyContent } from './http/body.ts';
import { httpPatternProblems } from './http/params-checks.ts';
import { compilePattern, MAX_PATTERN_CHARS, patternProblem } from './pattern.ts';
import { HttpPool } from './transport/http-pool.ts';

const hostile = (n: number) => `${'a'.repeat(n - 1)}!`;

describe('compilePattern', () => {
  it.each([41, 10_000, 1_000_000])('runs ^(a+)+$ against %i hostile bytes in milliseconds', (n) => {
    const input = hostile(n);
    const started = performance.now();
    expect(compilePattern('^(a+)+$').test(input)).toBe(false);
    expect(compilePattern('(x+x+)+y').test('x'.repeat(n))).toBe(false);
    expect(performance.now() - started).toBeLessThan(n > 100_000 ? 500 : 50);
  });

  it.each([
    ['^ok$', 'i', 'OK', true],
    ['version: (\\d+)\\.(\\d+)', '', 'version: 1.4', true],
    ['\\u0041\\u{42}', '', 'AB', true],
    ['^a.b$', 's', 'a\nb', true],
    ['^b$', 'm', 'a\nb', true],
    ['\\\\u0041', '', '\\u0041', true],
  ])('reads /%s/%s as JavaScript does', (source, flags, input, expected) => {
    expect(compilePattern(source, flags).test(input)).toBe(expected);
    expect(new RegExp(source, `${flags}u`).test(input)).toBe(expected);
  });

  it('gives groups and matches like RegExp#exec and matchAll', () => {
    const re = compilePattern('(?<year>\\d{4})-(\\d{2})', 'i');
    expect(re.groups).toBe(2);
    expect(re.exec('on 2025-01 and 2026-02')?.slice(0, 3)).toEqual(['2025-01', '2025', '01']);
    expect([...re.matchAll('on 2025-01 and 2026-02')].map((m) => m[1])).toEqual(['2025', '2026']);
  });

  it.each([
    ['(', /^is not a valid regular expression: /],
    ['a**', /^is not a valid regular expression: Nothing to repeat/],
    ['foo(?=bar)', /^uses syntax the linear-time engine \(RE2\) does not run: .*lookahead/],
    ['(a)\\1', /^uses syntax the linear-time engine \(RE2\) does not run/],
    ['(?<!x)y', /^uses syntax the linear-time engine \(RE2\) does not run/],
    ['((a{100}){100}){100}', /invalid repeat count/],
    ['x'.repeat(MAX_PATTERN_CHARS + 1), /^is 4097 characters long; the limit is 4096$/],
  ])('refuses /%s/ saying why', (source, why) => {
    expect(patternProblem(source)).toMatch(why);
  });

  it('refuses a flag it does not run', () => {
    expect(patternProblem('a', 'y')).toBe('flag "y" is not supported (i, m, s)');
  });
});

describe('HTTP patterns at load', () => {
  it('names the JSON path of every pattern RE2 cannot run', () => {
    expect(
      httpPatternProblems({
        pattern: '(?=x)',
        authUrl: '(',
        json: { matches: '(a)\\1' },
        location: { pattern: '^https://ok/' },
        expect: [{ matches: 'ok' }, { matches: '[' }],
      }).map((p) => (typeof p === 'string' ? p : p.path)),
    ).toEqual(['/pattern', '/authUrl', '/json/matches', '/expect/1/matches']);
  });
});

describe('http.body against a hostile loopback server', () => {
  let server: LabServer;
  let json: LabServer;
  const http = new HttpPool({ timeoutMs: 2000 });
  beforeAll(async () => {
    server = await startSlowServer(0, hostile(41));
    json = await startSlowServer(0, JSON.stringify({ name: hostile(50_000) }));
  });
  afterAll(async () => {
    await http.close();
    await server.close();
    await json.close();
  });

  it('judges ^(a+)+$ on a 41-byte body in milliseconds (fail, nothing hangs)', async () => {
    const started = performance.now();
    const r = await bodyContent(http, { url: `${server.url}/` }, { pattern: '^(a+)+$' });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(/body does not match \/\^\(a\+\)\+\$\//);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('judges a JSON field with (a|a)+$ on a 50 kB value in milliseconds', async () => {
    const started = performance.now();
    const r = await bodyContent(
      http,
      { url: `${json.url}/` },
      { json: { path: 'name', matches: '^(a|a)+$' } },
    );
    expect(r.outcome).toBe('fail');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
