import { describe, expect, it } from 'vitest';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { type BodyParams, bodyContent } from './body.ts';

describe('http.body against a real nginx', () => {
  const env = useHttpSite({ timeoutMs: 2000 });
  const { http } = env;

  const cases: [string, string, BodyParams, string, RegExp][] = [
    [
      'a JSON field equal',
      '/json',
      { json: { path: 'status', equals: 'ok' } },
      'pass',
      /JSON status is "ok"/,
    ],
    [
      'a JSON field not equal',
      '/json',
      { json: { path: 'status', equals: 'up' } },
      'fail',
      /JSON status is "ok", expected "up"/,
    ],
    [
      'an array element',
      '/json',
      { json: { path: 'checks[1].up', equals: false } },
      'pass',
      /checks\[1\]\.up is false/,
    ],
    ['an element matching', '/json', { json: { path: 'checks[0].name', matches: '^d' } }, 'pass', /is "db"/],
    [
      'an element not matching',
      '/json',
      { json: { path: 'version', matches: '^2\\.' } },
      'fail',
      /"1\.4\.2", which does not match/,
    ],
    ['a field that exists', '/json', { json: { path: 'checks[0]', exists: true } }, 'pass', /checks\[0\] is/],
    [
      'a field that must be absent',
      '/json',
      { json: { path: 'checks[5].name', exists: false } },
      'pass',
      /is absent/,
    ],
    [
      'a missing field',
      '/json',
      { json: { path: 'data.items', equals: 1 } },
      'fail',
      /JSON data\.items is missing/,
    ],
    ['a body pattern', '/json', { pattern: '"version":"1\\.4' }, 'pass', /body matches/],
    ['a body pattern absent', '/ok', { pattern: 'healthy' }, 'fail', /body does not match \/healthy\//],
    [
      'JSON expected, HTML served',
      '/not-json',
      { json: { path: 'status', exists: true } },
      'error',
      /body is not JSON/,
    ],
    ['a 500 when 200 expected', '/error', {}, 'fail', /answered 500, expected 200/],
    [
      'a 500 expected with its body',
      '/error',
      { status: [500], pattern: 'broken' },
      'pass',
      /answered 500; body matches/,
    ],
    ['a 502 from a dead upstream', '/bad-gateway', { pattern: 'ok' }, 'fail', /answered 502/],
    [
      'a malformed JSON path',
      '/json',
      { json: { path: 'checks[x', exists: true } },
      'error',
      /malformed JSON path/,
    ],
    ['an invalid pattern', '/ok', { pattern: '(' }, 'error', /not a valid regular expression/],
  ];
  it.each(cases)('%s', async (_name, path, params, outcome, message) => {
    const result = await bodyContent(http, { url: env.site.http(path) }, params);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
  });

  it('records the observed JSON value and a short body snippet on failure', async () => {
    const pass = await bodyContent(
      http,
      { url: env.site.http('/json') },
      { json: { path: 'checks[0]', exists: true } },
    );
    expect(pass.evidence.observed).toEqual({ name: 'db', up: true });
    const failed = await bodyContent(http, { url: env.site.http('/not-json') }, { pattern: 'ready' });
    expect(failed.evidence.body).toBe('<html>maintenance</html>');
  });
});
