import { describe, expect, test } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { useTlsLab } from '../../fixtures/lab/tls-lab-hooks.ts';
import type { TlsSite } from '../../fixtures/lab/tls-sites.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { hostnameMatch } from './hostname.ts';

const env = useTlsLab();
const t = new NodeTlsTransport(5_000);

describe('hostnameMatch against real nginx', () => {
  test.each([
    {
      site: 'valid',
      servername: undefined,
      name: undefined,
      outcome: 'pass',
      expected: '127.0.0.1',
      reason: null,
    },
    {
      site: 'valid',
      servername: 'localhost',
      name: undefined,
      outcome: 'pass',
      expected: 'localhost',
      reason: null,
    },
    {
      site: 'valid',
      servername: undefined,
      name: 'api.example.com',
      outcome: 'fail',
      expected: 'api.example.com',
      reason:
        /Host: api\.example\.com\. is not in the cert's altnames: DNS:localhost, IP Address:127\.0\.0\.1/,
    },
    {
      site: 'wrongName',
      servername: undefined,
      name: undefined,
      outcome: 'fail',
      expected: '127.0.0.1',
      reason: /IP: 127\.0\.0\.1 is not in the cert's list: $/,
    },
    {
      site: 'wrongName',
      servername: 'localhost',
      name: undefined,
      outcome: 'fail',
      expected: 'localhost',
      reason: /is not in the cert's altnames: DNS:wrong\.example/,
    },
    {
      site: 'wrongName',
      servername: 'wrong.example',
      name: undefined,
      outcome: 'pass',
      expected: 'wrong.example',
      reason: null,
    },
    // An expired or self-signed certificate can still name the host: that is other probes' business.
    {
      site: 'expired',
      servername: 'localhost',
      name: undefined,
      outcome: 'pass',
      expected: 'localhost',
      reason: null,
    },
    {
      site: 'selfSigned',
      servername: 'localhost',
      name: undefined,
      outcome: 'pass',
      expected: 'localhost',
      reason: null,
    },
  ] as const)(
    '$site (SNI $servername, name $name) → $outcome',
    async ({ site, servername, name, outcome, expected, reason }) => {
      const r = await hostnameMatch(t, {
        target: { host: '127.0.0.1', port: env.lab.port(site as TlsSite), servername },
        name,
      });
      expect(r.outcome).toBe(outcome);
      expect(r.evidence.expected).toBe(expected);
      expect(r.evidence.observed).toHaveProperty('subjectAltName');
      if (reason) expect(r.evidence.reason).toMatch(reason);
      else expect(r.evidence.reason).toBeUndefined();
    },
  );

  test.each([
    { fault: 'closed port', port: () => freePort(), message: /ECONNREFUSED/ },
    {
      fault: 'silent server (handshake timeout)',
      port: async () => env.silent.port,
      message: /no answer within 300 ms/,
    },
  ])('$fault → error', async ({ port, message }) => {
    const r = await hostnameMatch(t, { target: { host: '127.0.0.1', port: await port(), timeoutMs: 300 } });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });
});
