import { beforeAll, describe, expect, it } from 'vitest';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { Endpoint } from './endpoint.ts';
import { type StatusParams, statusCode } from './status.ts';

describe('http.status against a real nginx', () => {
  const env = useHttpSite({ timeoutMs: 1000, silent: true });
  const { http } = env;

  const cases: [string, string, StatusParams, string, RegExp][] = [
    ['200 expected by default', '/ok', {}, 'pass', /answered 200$/],
    ['201 when 200 expected', '/created', {}, 'fail', /answered 201, expected 200/],
    ['201 listed as expected', '/created', { expect: [200, 201] }, 'pass', /answered 201/],
    [
      'a 301 not followed',
      '/moved',
      {},
      'fail',
      /answered 301 \(redirect to http:\/\/127\.0\.0\.1:\d+\/ok\), expected 200/,
    ],
    [
      'a 301 followed one hop',
      '/moved',
      { followRedirects: 1 },
      'pass',
      /\/ok answered 200 after 1 redirect/,
    ],
    [
      'two redirects, one hop allowed',
      '/moved-twice',
      { followRedirects: 1 },
      'fail',
      /answered 301 .* after 1 redirect/,
    ],
    ['two redirects, two hops allowed', '/moved-twice', { followRedirects: 2 }, 'pass', /after 2 redirect/],
    [
      'a redirect loop',
      '/loop',
      { followRedirects: 3 },
      'fail',
      /answered 302 \(redirect to \S+\/loop\) after 3 redirect/,
    ],
    ['a 302 expected as such', '/login-redirect', { expect: [302] }, 'pass', /answered 302/],
    ['401 on a protected file', '/private/', {}, 'fail', /answered 401, expected 200/],
    ['403', '/forbidden', {}, 'fail', /answered 403/],
    ['404', '/missing', {}, 'fail', /answered 404/],
    ['500', '/error', {}, 'fail', /answered 500/],
    ['502 from a dead upstream', '/bad-gateway', {}, 'fail', /answered 502/],
  ];
  it.each(cases)('%s', async (_name, path, params, outcome, message) => {
    const result = await statusCode(http, { url: env.site.http(path) }, params);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.evidence).toMatchObject({ source: env.site.http(path), expected: params.expect ?? [200] });
  });

  it('records every hop it followed', async () => {
    const result = await statusCode(http, { url: env.site.http('/moved-twice') }, { followRedirects: 2 });
    const hops = (result.evidence.hops as { url: string; status: number }[]).map((h) => [h.url, h.status]);
    expect(hops).toEqual([
      [env.site.http('/moved-twice'), 302],
      [env.site.http('/moved'), 301],
      [env.site.http('/ok'), 200],
    ]);
  });

  const port = () => Number(new URL(env.site.http('/')).port);
  it.each<[string, string, () => StatusParams, string, RegExp]>([
    [
      'http → https on the expected host',
      '/to-https',
      () => ({ expect: [301], location: { scheme: 'https', host: 'www.lab.test' } }),
      'pass',
      /answered 301; \S+ redirects to https:\/\/www\.lab\.test\/to-https$/,
    ],
    [
      'a host glob',
      '/to-https',
      () => ({ expect: [301], location: { host: '*.LAB.test', pattern: '^https://[^/]+/to-https$' } }),
      'pass',
      /redirects to https:\/\/www\.lab\.test\/to-https$/,
    ],
    [
      'another host than expected',
      '/to-https',
      () => ({ expect: [301], location: { scheme: 'https', host: 'example.com' } }),
      'fail',
      /redirects to https:\/\/www\.lab\.test\/to-https: host www\.lab\.test, expected example\.com$/,
    ],
    [
      'a redirect off-site',
      '/elsewhere',
      () => ({ expect: [302], location: { host: 'www.lab.test' } }),
      'fail',
      /redirects to https:\/\/other\.lab\.test\/: host other\.lab\.test, expected www\.lab\.test/,
    ],
    [
      'a relative Location resolved against the request, host compared as an address',
      '/moved',
      () => ({
        expect: [301],
        location: { scheme: 'http', host: '127.0.0.1', port: port(), pattern: '/ok$' },
      }),
      'pass',
      /redirects to http:\/\/127\.0\.0\.1:\d+\/ok$/,
    ],
    [
      'the wrong port',
      '/moved',
      () => ({ expect: [301], location: { port: 443 } }),
      'fail',
      /port \d+, expected 443$/,
    ],
    [
      'the first hop judged when hops are followed',
      '/moved-twice',
      () => ({ followRedirects: 2, location: { pattern: '/moved$' } }),
      'pass',
      /\/ok answered 200 after 2 redirect\(s\); \S+ redirects to \S+\/moved$/,
    ],
    [
      'no redirect at all',
      '/ok',
      () => ({ location: { scheme: 'https' } }),
      'fail',
      /answered 200 without a redirect; expected one to scheme https$/,
    ],
    [
      'a Location that is not a URL',
      '/bad-location',
      () => ({ expect: [302], location: { scheme: 'https' } }),
      'error',
      /answered 302, but its Location "http:\/\/\[oops" is not a URL$/,
    ],
    [
      'an invalid pattern',
      '/to-https',
      () => ({ expect: [301], location: { pattern: '(' } }),
      'error',
      /\/\(\/ is not a valid regular expression/,
    ],
  ])('location: %s → %s', async (_name, path, params, outcome, message) => {
    const result = await statusCode(http, { url: env.site.http(path) }, params());
    expect([result.outcome, result.message]).toEqual([outcome, expect.stringMatching(message)]);
    expect(result.evidence.expectedLocation).toEqual(params().location);
    if (path !== '/ok') expect(result.evidence.location).toEqual(expect.any(String));
  });

  it('location: a downgrade from https to http fails, the Location in evidence', async () => {
    const url = env.site.https('/downgrade');
    const result = await statusCode(
      http,
      { url, ca: env.site.ca.cert },
      { expect: [301], location: { scheme: 'https' } },
    );
    expect([result.outcome, result.message]).toEqual([
      'fail',
      `${url} redirects to http://www.lab.test/: scheme http, expected https`,
    ]);
    expect(result.evidence).toMatchObject({
      location: 'http://www.lab.test/',
      locationUrl: 'http://www.lab.test/',
    });
  });

  it('passes on https with a certificate from the CA the endpoint trusts', async () => {
    const result = await statusCode(http, { url: env.site.https('/'), ca: env.site.ca.cert });
    expect([result.outcome, result.evidence.observed]).toEqual(['pass', 200]);
  });

  it.each<[string, () => Endpoint, RegExp]>([
    [
      'a CA the endpoint does not trust',
      () => ({ url: env.site.https('/') }),
      /certificate error: .*SELF_SIGNED_CERT_IN_CHAIN/,
    ],
    [
      'a refused port',
      () => ({ url: `http://127.0.0.1:${closedPort}/` }),
      /connection refused: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    ],
    ['a server that never answers', () => ({ url: `${env.silent.url}/` }), /timeout after 1000 ms/],
  ])('is an error naming the URL for %s', async (_name, endpoint, cause) => {
    const e = endpoint();
    const result = await statusCode(http, e);
    expect(result.outcome).toBe('error');
    expect(result.message).toContain(e.url);
    expect(result.message).toMatch(cause);
  });

  it('fails an expired certificate: seen, not guessed, and no verifying client gets an answer', async () => {
    const url = env.site.expired('/');
    const result = await statusCode(http, { url, ca: env.site.ca.cert });
    expect([result.outcome, result.message]).toEqual([
      'fail',
      `${url}: clients refuse it: its certificate has expired (CERT_HAS_EXPIRED)`,
    ]);
    expect(result.evidence.error).toMatch(/certificate error: certificate has expired/);
  });

  it('passes an expired certificate only with insecure, and records that it was insecure', async () => {
    const result = await statusCode(http, { url: env.site.expired('/'), insecure: true });
    expect(result.outcome).toBe('pass');
    expect(result.evidence.insecure).toBe(true);
  });
});

let closedPort = 0;
beforeAll(async () => {
  closedPort = await freePort();
});
