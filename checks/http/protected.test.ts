import { describe, expect, it } from 'vitest';
import { AUTH_URL } from '../../fixtures/lab/http-site.ts';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { Endpoint } from './endpoint.ts';
import { type ProtectedParams, protectedEndpoint } from './protected.ts';

const SSO = '^https://sso\\.lab\\.test/login';

describe('http.protected against a real nginx', () => {
  const env = useHttpSite({ timeoutMs: 2000 });
  const { http } = env;

  const cases: [string, string, Partial<Endpoint>, ProtectedParams, string, RegExp][] = [
    [
      '401 from auth_basic on a served file',
      '/private/',
      {},
      {},
      'pass',
      /refused an anonymous request with 401/,
    ],
    ['403', '/forbidden', {}, {}, 'pass', /with 403/],
    [
      'a 302 to the login (endpoint authUrl)',
      '/login-redirect',
      { authUrl: SSO },
      {},
      'pass',
      /sends anonymous requests to the login \(https:\/\/sso\.lab\.test\/login\?rd=/,
    ],
    ['a 302 to the login (control authUrl)', '/login-redirect', {}, { authUrl: SSO }, 'pass', /to the login/],
    [
      'a 302 elsewhere',
      '/elsewhere',
      { authUrl: SSO },
      {},
      'fail',
      /redirects to https:\/\/other\.lab\.test\/, which does not match the auth URL/,
    ],
    [
      'a 302 to the login but the control wants another',
      '/login-redirect',
      { authUrl: SSO },
      { authUrl: '^https://id\\.corp/' },
      'fail',
      /does not match the auth URL \/\^https:\/\/id/,
    ],
    ['a redirect with no authUrl to judge it', '/login-redirect', {}, {}, 'error', /set authUrl to judge/],
    ['200', '/ok', {}, {}, 'fail', /served without authentication \(200\)/],
    ['404', '/missing', {}, {}, 'fail', /answered 404 to an anonymous request/],
    ['502', '/bad-gateway', {}, {}, 'error', /answered 502: cannot tell/],
    [
      'an invalid authUrl',
      '/login-redirect',
      { authUrl: '(' },
      {},
      'error',
      /not a valid regular expression/,
    ],
  ];
  it.each(cases)('%s', async (_name, path, endpoint, params, outcome, message) => {
    const result = await protectedEndpoint(
      http,
      { url: env.site.http(path), protected: true, ...endpoint },
      params,
    );
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
  });

  it('is not applicable to an endpoint not marked protected', async () => {
    for (const flag of [false, undefined]) {
      const result = await protectedEndpoint(http, { url: env.site.http('/ok'), protected: flag });
      expect(result.outcome).toBe('not-applicable');
    }
  });

  it('leaves out the credentials the inventory configures (they would open the door)', async () => {
    const basic = `Basic ${Buffer.from('lab:lab').toString('base64')}`;
    const withCredentials = await http.request({
      url: env.site.http('/private/'),
      headers: { authorization: basic },
    });
    expect(withCredentials.status).toBe(200);
    const endpoint: Endpoint = {
      url: env.site.http('/private/'),
      protected: true,
      headers: { authorization: basic, 'x-token': 's3cret' },
      secretHeaders: ['x-token'],
    };
    const result = await protectedEndpoint(http, endpoint);
    expect([result.outcome, result.evidence.observed]).toEqual(['pass', 401]);
    expect(JSON.stringify(result.evidence)).not.toMatch(/s3cret|Basic/);
  });

  it('records the redirect it judged', async () => {
    const result = await protectedEndpoint(http, {
      url: env.site.http('/login-redirect'),
      protected: true,
      authUrl: SSO,
    });
    expect(result.evidence).toMatchObject({
      observed: `302 → ${AUTH_URL}?rd=/login-redirect`,
      source: env.site.http('/login-redirect'),
    });
  });

  it('is an error naming the URL when the service is down', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/admin`;
    const result = await protectedEndpoint(http, { url, protected: true });
    expect(result.outcome).toBe('error');
    expect(result.message).toBe(`[GET] ${url}: connection refused: connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});
