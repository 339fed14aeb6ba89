import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type RunningDnsmasq,
  type SilentResolver,
  startDnsmasq,
  startSilentResolver,
} from '../../fixtures/lab/dnsmasq.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import { NodeDnsTransport, parseResolver } from './dns.ts';

let dns: RunningDnsmasq;
let mute: SilentResolver;
const t = new NodeDnsTransport(5_000);

beforeAll(async () => {
  dns = await startDnsmasq({
    records: { 'web.lab.test': ['127.0.0.10'], 'dual.lab.test': ['127.0.0.11', 'fd00::11'] },
    localDomains: ['lab.test'],
  });
  mute = await startSilentResolver();
});
afterAll(async () => {
  await dns?.stop();
  await mute?.close();
});

describe('NodeDnsTransport against a real dnsmasq', () => {
  test.each([
    { name: 'web.lab.test', a: ['127.0.0.10'], aaaa: [], nxdomain: false },
    { name: 'dual.lab.test', a: ['127.0.0.11'], aaaa: ['fd00::11'], nxdomain: false },
    { name: 'missing.lab.test', a: [], aaaa: [], nxdomain: true },
  ])('$name → A $a, AAAA $aaaa, nxdomain $nxdomain', async ({ name, a, aaaa, nxdomain }) => {
    const answer = await t.resolve({ name, resolver: dns.resolver });
    expect(answer).toMatchObject({ name, resolver: dns.resolver, a, aaaa, nxdomain });
  });

  test('a resolver that never answers → TransportError within the timeout', async () => {
    const started = Date.now();
    const err = await t
      .resolve({ name: 'web.lab.test', resolver: mute.resolver, timeoutMs: 800 })
      .catch((e) => e);
    expect(err.name).toBe('TransportError');
    expect(err.message).toMatch(
      new RegExp(`^dns web\\.lab\\.test via ${mute.resolver}: no answer \\(timeout\\)`),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(mute.received()).toBeGreaterThan(0);
  });

  test.each([
    {
      fault: 'REFUSED (a name dnsmasq will not forward)',
      name: 'outside.example',
      resolver: async () => dns.resolver,
      message: /the resolver refused the query \(EREFUSED/,
    },
    {
      fault: 'nothing listening on the resolver port',
      name: 'web.lab.test',
      resolver: async () => `127.0.0.1:${await freePort()}`,
      message: /connection refused \(ECONNREFUSED after \d+ ms\)$/,
    },
    {
      fault: 'malformed resolver',
      name: 'web.lab.test',
      resolver: async () => 'dns.example:53',
      message: /is not ip\[:port\]/,
    },
  ])('$fault → rejects', async ({ name, resolver, message }) => {
    const err = await t.resolve({ name, resolver: await resolver(), timeoutMs: 1_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(message);
  });
});

describe('parseResolver', () => {
  test.each(['10.0.0.2', '127.0.0.1:5353', '[::1]:5353', '[fd00::1]', '::1'])('accepts %s', (r) => {
    expect(parseResolver(r)).toBe(r);
  });
  test.each(['dns.example', '999.1.1.1', '127.0.0.1:70000', '[::1]:x', ''])('rejects %s', (r) => {
    expect(() => parseResolver(r)).toThrow(/is not ip\[:port\]/);
  });
});
