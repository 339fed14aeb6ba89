import { describe, expect, it } from 'vitest';
import type { HttpSite } from '../../fixtures/lab/http-site.ts';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { judgeHeader } from './header-rules.ts';
import { type HeadersParams, securityHeaders } from './headers.ts';

describe('security header rules', () => {
  const o = { https: true, hstsMinAge: 15_552_000 };
  it.each([
    ['x-content-type-options', { 'x-content-type-options': 'nosniff' }, 'ok'],
    ['x-content-type-options', { 'x-content-type-options': 'sniff' }, 'weak'],
    ['x-frame-options', { 'x-frame-options': 'SAMEORIGIN' }, 'ok'],
    ['x-frame-options', { 'x-frame-options': 'ALLOW-FROM https://x' }, 'weak'],
    ['x-frame-options', { 'content-security-policy': "frame-ancestors 'self'" }, 'ok'],
    ['x-frame-options|csp frame-ancestors', { 'content-security-policy': "default-src 'self'" }, 'missing'],
    ['strict-transport-security', { 'strict-transport-security': 'max-age=31536000' }, 'ok'],
    ['strict-transport-security', { 'strict-transport-security': 'max-age=300' }, 'weak'],
    ['strict-transport-security', { 'strict-transport-security': 'includeSubDomains' }, 'weak'],
    ['referrer-policy', { 'referrer-policy': 'unsafe-url' }, 'weak'],
    ['referrer-policy', {}, 'missing'],
  ])('%s with %j is %s', (item, headers, kind) => {
    expect(judgeHeader(item, headers as Record<string, string>, o).kind).toBe(kind);
  });

  it('skips HSTS on plain http', () => {
    expect(judgeHeader('strict-transport-security', {}, { ...o, https: false }).kind).toBe('skip');
  });
});

describe('http.headers against a real nginx', () => {
  const env = useHttpSite({ timeoutMs: 2000 });
  const { http } = env;

  type Case = [string, (s: HttpSite) => string, HeadersParams, string, RegExp];
  const cases: Case[] = [
    [
      'all present over https',
      (s) => s.https('/secure'),
      {},
      'pass',
      /sends strict-transport-security, x-content-type-options, x-frame-options, referrer-policy/,
    ],
    [
      'all present over http (HSTS not required there)',
      (s) => s.http('/secure'),
      {},
      'pass',
      /sends x-content-type-options/,
    ],
    [
      'CSP frame-ancestors instead of X-Frame-Options',
      (s) => s.http('/csp'),
      {},
      'pass',
      /content-security-policy/,
    ],
    [
      'none present',
      (s) => s.http('/ok'),
      {},
      'fail',
      /missing x-content-type-options, x-frame-options\|csp frame-ancestors, referrer-policy$/,
    ],
    [
      'weak values',
      (s) => s.http('/weak'),
      {},
      'fail',
      /x-content-type-options: "sniff" is not nosniff; x-frame-options: "ALLOW-FROM" is neither/,
    ],
    [
      'HSTS too short',
      (s) => s.https('/weak-hsts'),
      {},
      'fail',
      /strict-transport-security: max-age=60 is below 15552000/,
    ],
    [
      'HSTS short but within a lowered minimum',
      (s) => s.https('/weak-hsts'),
      { hstsMinAge: 60 },
      'pass',
      /sends/,
    ],
    ['HSTS missing over https', (s) => s.https('/no-hsts'), {}, 'fail', /missing strict-transport-security$/],
    ['a custom list', (s) => s.http('/ok'), { require: ['content-type'] }, 'pass', /sends content-type/],
  ];
  it.each(cases)('%s', async (_name, url, params, outcome, message) => {
    const result = await securityHeaders(http, { url: url(env.site), ca: env.site.ca.cert }, params);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
  });

  it('lists present and missing headers in evidence', async () => {
    const result = await securityHeaders(http, { url: env.site.http('/csp') });
    expect(result.evidence.observed).toMatchObject({
      present: {
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
        'referrer-policy': 'no-referrer',
      },
      missing: [],
    });
    expect(result.evidence.skipped).toEqual(['strict-transport-security (HSTS only applies to https URLs)']);
  });

  it('is an error for an expired certificate', async () => {
    const result = await securityHeaders(http, { url: env.site.expired('/'), ca: env.site.ca.cert });
    expect(result.outcome).toBe('error');
    expect(result.message).toMatch(/certificate has expired/);
  });
});
