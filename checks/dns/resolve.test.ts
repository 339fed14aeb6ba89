import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type RunningDnsmasq,
  type SilentResolver,
  startDnsmasq,
  startSilentResolver,
} from '../../fixtures/lab/dnsmasq.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import { NodeDnsTransport } from '../transport/dns.ts';
import { canonicalAddress, resolvesTo } from './resolve.ts';

let dns: RunningDnsmasq;
let mute: SilentResolver;
const t = new NodeDnsTransport(5_000);

beforeAll(async () => {
  dns = await startDnsmasq({
    records: {
      'web.lab.test': ['127.0.0.10'],
      'dual.lab.test': ['127.0.0.11', 'fd00::11'],
      'pool.lab.test': ['127.0.0.12', '127.0.0.13'],
      'v6only.lab.test': ['fd00::20'],
    },
    localDomains: ['lab.test'],
  });
  mute = await startSilentResolver();
});
afterAll(async () => {
  await dns?.stop();
  await mute?.close();
});

describe('resolvesTo against a real dnsmasq', () => {
  test.each([
    {
      name: 'web.lab.test',
      addresses: ['127.0.0.10'],
      exact: undefined,
      outcome: 'pass',
      message: 'web.lab.test resolves to 127.0.0.10',
    },
    {
      name: 'dual.lab.test',
      addresses: ['fd00:0:0::11', '127.0.0.11'],
      exact: true,
      outcome: 'pass',
      message: 'dual.lab.test resolves to 127.0.0.11, fd00::11',
    },
    {
      name: 'pool.lab.test',
      addresses: ['127.0.0.12'],
      exact: undefined,
      outcome: 'pass',
      message: 'pool.lab.test resolves to 127.0.0.12, 127.0.0.13',
    },
    {
      name: 'v6only.lab.test',
      addresses: ['fd00::20'],
      exact: true,
      outcome: 'pass',
      message: 'v6only.lab.test resolves to fd00::20',
    },
    {
      name: 'pool.lab.test',
      addresses: ['127.0.0.12'],
      exact: true,
      outcome: 'fail',
      message: 'pool.lab.test also resolves to unexpected 127.0.0.13',
    },
    {
      name: 'web.lab.test',
      addresses: ['127.0.0.99'],
      exact: undefined,
      outcome: 'fail',
      message: 'web.lab.test does not resolve to 127.0.0.99 (got 127.0.0.10)',
    },
    {
      name: 'web.lab.test',
      addresses: ['127.0.0.10', 'fd00::10'],
      exact: undefined,
      outcome: 'fail',
      message: 'web.lab.test does not resolve to fd00::10 (got 127.0.0.10)',
    },
    {
      name: 'gone.lab.test',
      addresses: ['127.0.0.10'],
      exact: undefined,
      outcome: 'fail',
      message: `gone.lab.test does not exist (NXDOMAIN from 127.0.0.1:PORT)`,
    },
  ] as const)(
    '$name expecting $addresses (exact $exact) → $outcome',
    async ({ name, addresses, exact, outcome, message }) => {
      const r = await resolvesTo(t, { name, addresses: [...addresses], exact, resolver: dns.resolver });
      expect(r.outcome).toBe(outcome);
      expect(r.message).toBe(message.replace('PORT', String(dns.port)));
      expect(r.evidence.source).toBe(`dns:${name} via ${dns.resolver}`);
      expect(r.evidence.expected).toEqual([...new Set(addresses.map((a) => canonicalAddress(a)))].sort());
    },
  );

  test.each([
    {
      fault: 'resolver that never answers',
      name: 'web.lab.test',
      resolver: async () => mute.resolver,
      message: /no answer \(timeout\)/,
    },
    {
      fault: 'nothing on the resolver port',
      name: 'web.lab.test',
      resolver: async () => `127.0.0.1:${await freePort()}`,
      message: /connection refused/,
    },
    {
      fault: 'resolver refuses the name',
      name: 'www.example.com',
      resolver: async () => dns.resolver,
      message: /the resolver refused the query/,
    },
  ])('$fault → error', async ({ name, resolver, message }) => {
    const r = await resolvesTo(t, {
      name,
      addresses: ['127.0.0.10'],
      resolver: await resolver(),
      timeoutMs: 800,
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });

  test('an expected value that is no IP address → error, before any query', async () => {
    const r = await resolvesTo(t, {
      name: 'web.lab.test',
      addresses: ['web.lab.test'],
      resolver: mute.resolver,
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toBe('expected addresses are not IP addresses: web.lab.test');
  });
});

describe('canonicalAddress', () => {
  test.each([
    ['127.0.0.1', '127.0.0.1'],
    ['FD00:0000::0011', 'fd00::11'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['localhost', undefined],
  ])('%s → %s', (input, output) => {
    expect(canonicalAddress(input)).toBe(output);
  });
});
