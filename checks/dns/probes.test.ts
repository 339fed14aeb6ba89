import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type RunningDnsmasq, startDnsmasq } from '../../fixtures/lab/dnsmasq.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { catalog } from '../catalog.ts';
import { dnsProbes } from './probes.ts';

let dns: RunningDnsmasq;
const probe = dnsProbes[0];

beforeAll(async () => {
  dns = await startDnsmasq({ records: { 'api.lab.test': ['127.0.0.30'] }, localDomains: ['lab.test'] });
});
afterAll(() => dns?.stop());

describe('dns.resolve wired to endpoints', () => {
  test('is in the catalog with a strict params schema', () => {
    expect(catalog.get('dns.resolve')).toBe(probe);
    const validate = new Ajv().compile(probe.params);
    expect(
      validate({ addresses: ['10.0.0.1'], resolver: '127.0.0.1:5353', exact: true, name: 'a.example' }),
    ).toBe(true);
    expect(validate({ addresses: ['10.0.0.1'], resolver: '[::1]:53' })).toBe(true);
    expect(validate({ name: 'a.example' })).toBe(false);
    expect(validate({ addresses: [] })).toBe(false);
    expect(validate({ addresses: ['10.0.0.1'], resolver: 'dns.example' })).toBe(false);
    expect(validate({ addresses: ['10.0.0.1'], server: '10.0.0.2' })).toBe(false);
  });

  test.each([
    {
      url: 'https://api.lab.test:8443/health',
      params: { addresses: ['127.0.0.30'] },
      outcome: 'pass',
      source: 'dns:api.lab.test',
    },
    {
      url: 'https://api.lab.test/',
      params: { addresses: ['127.0.0.31'] },
      outcome: 'fail',
      source: 'dns:api.lab.test',
    },
    {
      url: 'https://127.0.0.1:8443/',
      params: { name: 'api.lab.test', addresses: ['127.0.0.30'] },
      outcome: 'pass',
      source: 'dns:api.lab.test',
    },
    {
      url: 'https://127.0.0.1:8443/',
      params: { addresses: ['127.0.0.30'] },
      outcome: 'not-applicable',
      source: 'https://127.0.0.1:8443/',
    },
  ])('$url $params → $outcome', async ({ url, params, outcome, source }) => {
    const endpoint = { name: 'api', url };
    const ctx = labContext({
      baseDir: labDir('dns-probes'),
      inventory: { endpoints: [endpoint] },
      probes: dnsProbes,
    });
    const r = await probe.run(ctx, endpoint, { ...params, resolver: dns.resolver });
    expect(r.outcome).toBe(outcome);
    expect(String(r.evidence.source)).toContain(source);
    await ctx.close();
  });
});
