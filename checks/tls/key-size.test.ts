import { describe, expect, test } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { useTlsLab } from '../../fixtures/lab/tls-lab-hooks.ts';
import type { TlsSite } from '../../fixtures/lab/tls-sites.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { keySize } from './key-size.ts';

const env = useTlsLab();
const t = new NodeTlsTransport(5_000);

describe('keySize against real nginx', () => {
  test.each([
    {
      site: 'valid',
      min: {},
      outcome: 'pass',
      observed: ['ec 256', 'ec 256'],
      message: /^keys strong enough: leaf ec 256 bits, chain ec 256$/,
    },
    {
      site: 'rsa2048',
      min: {},
      outcome: 'pass',
      observed: ['rsa 2048', 'ec 256'],
      message: /leaf rsa 2048 bits/,
    },
    {
      site: 'rsa1024',
      min: {},
      outcome: 'fail',
      observed: ['rsa 1024', 'ec 256'],
      message: /^weak key: CN=localhost: rsa 1024 bits < 2048$/,
    },
    {
      site: 'rsa2048',
      min: { minRsaBits: 4096 },
      outcome: 'fail',
      observed: ['rsa 2048', 'ec 256'],
      message: /rsa 2048 bits < 4096/,
    },
    {
      site: 'valid',
      min: { minEcBits: 384 },
      outcome: 'fail',
      observed: ['ec 256', 'ec 256'],
      message: /CN=localhost: ec 256 bits < 384; CN=readyspec lab CA: ec 256 bits < 384/,
    },
    // Even a server that only speaks TLS 1.0 shows its key.
    {
      site: 'legacyOnly',
      min: {},
      outcome: 'pass',
      observed: ['ec 256', 'ec 256'],
      message: /keys strong enough/,
    },
  ] as const)('$site $min → $outcome', async ({ site, min, outcome, observed, message }) => {
    const r = await keySize(t, {
      target: { host: '127.0.0.1', port: env.lab.port(site as TlsSite), ca: env.lab.ca },
      ...min,
    });
    expect(r.outcome).toBe(outcome);
    expect(r.evidence.observed).toEqual(observed);
    expect(r.message).toMatch(message);
  });

  test('one subject per certificate: the weak key is the leaf, the CA key passes', async () => {
    const r = await keySize(t, {
      target: { host: '127.0.0.1', port: env.lab.port('rsa1024'), ca: env.lab.ca },
    });
    expect(r.subjects?.map((s) => [s.subject.split(',')[0], s.outcome, s.message])).toEqual([
      ['leaf CN=localhost', 'fail', 'weak key: rsa 1024 bits < 2048'],
      ['root CN=readyspec lab CA', 'pass', 'ec 256 bits (≥ 256)'],
    ]);
    expect(r.subjects?.[0].evidence).toMatchObject({ observed: 'rsa 1024', bits: 1024, minimum: 2048 });
  });

  test.each([
    { fault: 'closed port', port: () => freePort(), message: /ECONNREFUSED/ },
    {
      fault: 'silent server (handshake timeout)',
      port: async () => env.silent.port,
      message: /no answer within 300 ms/,
    },
  ])('$fault → error', async ({ port, message }) => {
    const r = await keySize(t, { target: { host: '127.0.0.1', port: await port(), timeoutMs: 300 } });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });
});
