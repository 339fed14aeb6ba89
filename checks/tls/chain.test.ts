import { describe, expect, test } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { useTlsLab } from '../../fixtures/lab/tls-lab-hooks.ts';
import type { TlsSite } from '../../fixtures/lab/tls-sites.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { chainVerifies } from './chain.ts';

const env = useTlsLab();
const t = new NodeTlsTransport(5_000);

describe('chainVerifies against real nginx', () => {
  test.each([
    { site: 'valid', trustLab: true, outcome: 'pass', observed: 'verified', length: 2 },
    { site: 'shortIntermediate', trustLab: true, outcome: 'pass', observed: 'verified', length: 3 },
    { site: 'rsa2048', trustLab: true, outcome: 'pass', observed: 'verified', length: 2 },
    { site: 'expired', trustLab: true, outcome: 'fail', observed: 'CERT_HAS_EXPIRED', length: 2 },
    {
      site: 'selfSigned',
      trustLab: true,
      outcome: 'fail',
      observed: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      length: 1,
    },
    // The lab CA is in no system store: against the system CAs the same chain fails.
    { site: 'valid', trustLab: false, outcome: 'fail', observed: 'SELF_SIGNED_CERT_IN_CHAIN', length: 2 },
  ] as const)(
    '$site (lab CA trusted: $trustLab) → $outcome $observed',
    async ({ site, trustLab, outcome, observed, length }) => {
      const ca = trustLab ? env.lab.ca : undefined;
      const r = await chainVerifies(t, {
        target: { host: '127.0.0.1', port: env.lab.port(site as TlsSite), ca },
      });
      expect(r.outcome).toBe(outcome);
      expect(r.evidence.observed).toBe(observed);
      expect(r.evidence.chain).toHaveLength(length);
      expect(r.message).toContain(trustLab ? `CA file ${env.lab.ca}` : 'system CAs');
    },
  );

  test.each([
    { site: 'expired', trustLab: true, at: [/^leaf CN=localhost, serial /] },
    { site: 'selfSigned', trustLab: true, at: [/^leaf CN=localhost, serial /] },
    { site: 'valid', trustLab: false, at: [/^root CN=readyspec lab CA, serial /] },
  ] as const)('$site: the reason names the certificate it is about', async ({ site, trustLab, at }) => {
    const r = await chainVerifies(t, {
      target: { host: '127.0.0.1', port: env.lab.port(site), ca: trustLab ? env.lab.ca : undefined },
    });
    expect(r.evidence.at).toEqual(at.map((re) => expect.stringMatching(re)));
    expect(r.message).toContain((r.evidence.at as string[])[0]);
  });

  test.each([
    { fault: 'closed port', port: () => freePort(), message: /ECONNREFUSED/ },
    {
      fault: 'silent server (handshake timeout)',
      port: async () => env.silent.port,
      message: /no answer within 300 ms/,
    },
  ])('$fault → error', async ({ port, message }) => {
    const r = await chainVerifies(t, {
      target: { host: '127.0.0.1', port: await port(), timeoutMs: 300, ca: env.lab.ca },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });
});
