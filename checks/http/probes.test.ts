import { basename, dirname } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSite, startHttpSite } from '../../fixtures/lab/http-site.ts';
import type { EndpointEntry, Policy } from '../../policies/types.ts';
import { catalog } from '../catalog.ts';
import { type ProbeContext, readSecret, resolvePolicyPath } from '../context.ts';
import { httpTransport } from '../transport/http-pool.ts';
import { httpProbes } from './probes.ts';

/** Just enough of a run context: shared cache, cleanups, policy-relative paths, secrets. */
function labContext(baseDir: string): ProbeContext & { close(): Promise<void> } {
  const shared = new Map<string, unknown>();
  const cleanups: (() => unknown)[] = [];
  return {
    policy: { baseDir } as Policy,
    options: { timeoutMs: 2000, active: false, now: new Date(), reportsDir: baseDir, concurrency: 16 },
    shared: <T>(key: string, create: () => T) =>
      (shared.has(key) ? shared.get(key) : shared.set(key, create()).get(key)) as T,
    onClose: (fn) => cleanups.push(fn),
    path: (p) => resolvePolicyPath(baseDir, p),
    secret: (ref) => readSecret(ref, baseDir),
    fact: () => Promise.reject(new Error('no facts in this test')),
    close: async () => {
      for (const fn of cleanups.splice(0)) await fn();
    },
  };
}

describe('HTTP probe definitions', () => {
  it('register the names policies use, in the catalog', () => {
    const names = ['http.body', 'http.headers', 'http.latency', 'http.protected', 'http.status'];
    expect(httpProbes.map((p) => p.name).sort()).toEqual(names);
    for (const name of names) expect(catalog.get(name)?.target).toBe('endpoint');
  });

  const ajv = new Ajv({ allErrors: true, strict: true });
  it.each([
    ['http.status', { expect: [200, 204], followRedirects: 2 }, true],
    ['http.status', { expect: [99] }, false],
    ['http.status', { follow: 1 }, false],
    ['http.status', { expect: [301], location: { scheme: 'https', host: '*.example.com', port: 443 } }, true],
    ['http.status', { location: {} }, false],
    ['http.status', { location: { scheme: 'ftp' } }, false],
    ['http.status', { location: { hostname: 'example.com' } }, false],
    ['http.protected', { authUrl: '^https://sso/' }, true],
    ['http.latency', { samples: 10, p95Ms: 300 }, true],
    ['http.latency', { samples: 10 }, false],
    ['http.latency', { samples: 1000, p50Ms: 100 }, false],
    ['http.headers', { require: ['x-frame-options|csp frame-ancestors'], hstsMinAge: 31536000 }, true],
    ['http.body', { status: [200], json: { path: 'a.b[0]', equals: { x: 1 } } }, true],
    ['http.body', { json: { equals: 1 } }, false],
  ])('%s params %j valid: %s', (name, params, valid) => {
    const schema = httpProbes.find((p) => p.name === name)!.params;
    expect(ajv.validate(schema, params)).toBe(valid);
  });
});

describe('HTTP probes run from an inventory endpoint', () => {
  let site: HttpSite;
  let ctx: ReturnType<typeof labContext>;
  beforeAll(async () => {
    site = await startHttpSite();
    ctx = labContext(dirname(site.ca.cert));
    process.env.READYSPEC_TEST_TOKEN = 's3cret-token';
  });
  afterAll(async () => {
    await ctx?.close();
    await site?.stop();
    delete process.env.READYSPEC_TEST_TOKEN;
  });

  const probe = (name: string) => catalog.get(name)!;

  it('resolves a policy-relative CA file and reads header secrets, keeping them out of evidence', async () => {
    const endpoint: EndpointEntry = {
      name: 'api',
      url: site.https('/'),
      ca: basename(site.ca.cert),
      headers: { 'X-Token': { env: 'READYSPEC_TEST_TOKEN' } },
    };
    const status = await probe('http.status').run(ctx, endpoint, {});
    expect(status.outcome).toBe('pass');
    const echo = { ...endpoint, url: site.http('/echo-token') };
    const body = await probe('http.body').run(ctx, echo, { pattern: 'token=\\w+-token ' });
    expect(body.outcome).toBe('pass');
    expect(JSON.stringify([status, body])).not.toContain('s3cret');
  });

  it('shares one transport for the run and closes it with the run', async () => {
    expect(httpTransport(ctx)).toBe(httpTransport(ctx));
    const protectedResult = await probe('http.protected').run(
      ctx,
      { name: 'admin', url: site.http('/private/'), protected: true },
      {},
    );
    expect(protectedResult.outcome).toBe('pass');
    const separate = labContext('/');
    const transport = httpTransport(separate);
    await separate.close();
    await expect(transport.request({ url: site.http('/ok') })).rejects.toThrow(/transport closed/);
  });

  it('judges an unprotected endpoint as failing http.protected and n/a when not marked', async () => {
    const open = await probe('http.protected').run(
      ctx,
      { name: 'open', url: site.http('/ok'), protected: true },
      {},
    );
    expect([open.outcome, open.message]).toEqual([
      'fail',
      `${site.http('/ok')} served without authentication (200)`,
    ]);
    const unmarked = await probe('http.protected').run(ctx, { name: 'open', url: site.http('/ok') }, {});
    expect(unmarked.outcome).toBe('not-applicable');
  });
});
