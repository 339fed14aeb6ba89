import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { startTlsLab, type TlsLab } from '../../fixtures/lab/tls-sites.ts';
import type { EndpointEntry } from '../../policies/types.ts';
import { catalog } from '../catalog.ts';
import { tlsTransport } from '../transport/tls.ts';
import { tlsProbes } from './probes.ts';

let lab: TlsLab;
let baseDir: string;

beforeAll(async () => {
  lab = await startTlsLab();
  baseDir = labDir('tls-probes');
  // A policy names its CA file relative to itself.
  copyFileSync(lab.ca, join(baseDir, 'lab-ca.pem'));
});
afterAll(() => lab?.stop());

const probe = (name: string) => {
  const p = tlsProbes.find((d) => d.name === name);
  if (!p) throw new Error(`no probe ${name}`);
  return p;
};

function context(endpoints: EndpointEntry[]) {
  return labContext({ baseDir, inventory: { endpoints }, probes: tlsProbes });
}

describe('tls probes wired to endpoints', () => {
  test('every probe is in the catalog, targets endpoints, and has a strict params schema', () => {
    const ajv = new Ajv({ allErrors: true });
    for (const p of tlsProbes) {
      expect(catalog.get(p.name)).toBe(p);
      expect(p.target).toBe('endpoint');
      const validate = ajv.compile(p.params);
      expect(validate({ port: 443, servername: 'a.example', ca: 'ca.pem', host: 'h' })).toBe(true);
      expect(validate({ prot: 443 })).toBe(false);
    }
    expect(tlsProbes.map((p) => p.name).sort()).toEqual([
      'tls.certificate',
      'tls.chain',
      'tls.hostname',
      'tls.key-size',
      'tls.protocols',
    ]);
  });

  test('an https endpoint: host and port from the URL, the endpoint CA (policy-relative) trusted', async () => {
    const endpoint = { name: 'api', url: `https://127.0.0.1:${lab.port('valid')}/health`, ca: 'lab-ca.pem' };
    const ctx = context([endpoint]);
    const results = await Promise.all(tlsProbes.map((p) => p.run(ctx, endpoint, {})));
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(results[2].message).toBe(
      `chain verifies against CA file ${join(baseDir, 'lab-ca.pem')} (2 certificates)`,
    );
    expect(tlsTransport(ctx)).toBe(tlsTransport(ctx));
    await ctx.close();
  });

  test('params override host, port, servername and ca; failures come through', async () => {
    const endpoint = { name: 'site', url: 'https://service.invalid/' };
    const ctx = context([endpoint]);
    const over = { host: '127.0.0.1', port: lab.port('wrongName'), ca: lab.ca };
    const hostname = await probe('tls.hostname').run(ctx, endpoint, over);
    expect(hostname.outcome).toBe('fail');
    // SNI and the name checked default to the endpoint's URL host even when another address is dialled.
    expect(hostname.evidence.source).toBe(`tls://127.0.0.1:${lab.port('wrongName')} (SNI service.invalid)`);
    expect(hostname.evidence.expected).toBe('service.invalid');
    const sni = await probe('tls.hostname').run(ctx, endpoint, { ...over, servername: 'wrong.example' });
    expect(sni.outcome).toBe('pass');
    const expiring = await probe('tls.certificate').run(ctx, endpoint, {
      ...over,
      port: lab.port('expiring'),
    });
    expect(expiring.outcome).toBe('fail');
    const legacy = await probe('tls.protocols').run(ctx, endpoint, { ...over, port: lab.port('legacyOnly') });
    expect(legacy.outcome).toBe('fail');
    const weak = await probe('tls.key-size').run(ctx, endpoint, { ...over, port: lab.port('rsa1024') });
    expect(weak.outcome, JSON.stringify(weak.evidence)).toBe('fail');
    const untrusted = await probe('tls.chain').run(ctx, endpoint, {
      host: '127.0.0.1',
      port: lab.port('valid'),
    });
    expect(untrusted.outcome).toBe('fail');
    await ctx.close();
  });

  test('a plain-http endpoint is not-applicable unless the control names a TLS port', async () => {
    const endpoint = { name: 'plain', url: 'http://127.0.0.1:8080/' };
    const ctx = context([endpoint]);
    const na = await probe('tls.certificate').run(ctx, endpoint, {});
    expect(na.outcome).toBe('not-applicable');
    expect(na.message).toBe('http://127.0.0.1:8080/ is not https and the control names no TLS port');
    const applies = await probe('tls.certificate').run(ctx, endpoint, { port: lab.port('valid') });
    expect(applies.outcome).toBe('pass');
    await ctx.close();
  });
});
