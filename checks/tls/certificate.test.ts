import { describe, expect, test } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { useTlsLab } from '../../fixtures/lab/tls-lab-hooks.ts';
import type { TlsSite } from '../../fixtures/lab/tls-sites.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { type CertificateEvidence, certificateValidity } from './certificate.ts';

const env = useTlsLab();
const t = new NodeTlsTransport(5_000);

const target = (site: TlsSite) => ({ host: '127.0.0.1', port: env.lab.port(site), ca: env.lab.ca });

describe('certificateValidity against real nginx', () => {
  test.each([
    {
      site: 'valid',
      minDays: 14,
      outcome: 'pass',
      leaf: [89, 90],
      chain: [3640, 3650],
      message: /leaf valid 89\.\d more days, chain earliest 36\d\d/,
    },
    {
      site: 'expired',
      minDays: 14,
      outcome: 'fail',
      leaf: [-1, -1],
      chain: [3640, 3650],
      message: /^leaf CN=localhost expired 1 day ago \(.*\); at least 14 days required$/,
    },
    {
      site: 'expired',
      minDays: 0,
      outcome: 'fail',
      leaf: [-1, -1],
      chain: [3640, 3650],
      message: /expired 1 day ago/,
    },
    {
      site: 'expiring',
      minDays: 14,
      outcome: 'fail',
      leaf: [4.9, 5],
      chain: [3640, 3650],
      message: /leaf .* expires in 4\.9 days.*at least 14 days required/,
    },
    {
      site: 'expiring',
      minDays: 3,
      outcome: 'pass',
      leaf: [4.9, 5],
      chain: [3640, 3650],
      message: /leaf valid 4\.9 more days/,
    },
    {
      site: 'shortIntermediate',
      minDays: 14,
      outcome: 'fail',
      leaf: [89, 90],
      chain: [4.9, 5],
      message: /^chain certificate CN=readyspec lab intermediate \d+ expires in 4\.9 days/,
    },
    {
      site: 'selfSigned',
      minDays: 14,
      outcome: 'pass',
      leaf: [89, 90],
      chain: null,
      message: /^leaf valid 89\.\d more days \(≥ 14\)$/,
    },
  ] as const)(
    '$site with minDays $minDays → $outcome',
    async ({ site, minDays, outcome, leaf, chain, message }) => {
      const r = await certificateValidity(t, { target: target(site), minDays });
      const e = r.evidence as CertificateEvidence;
      expect(r.outcome).toBe(outcome);
      expect(r.message).toMatch(message);
      expect(e.leaf.daysLeft).toBeGreaterThanOrEqual(leaf[0]);
      expect(e.leaf.daysLeft).toBeLessThanOrEqual(leaf[1]);
      if (chain === null) expect(e.chainEarliest).toBeNull();
      else {
        expect(e.chainEarliest?.daysLeft).toBeGreaterThanOrEqual(chain[0]);
        expect(e.chainEarliest?.daysLeft).toBeLessThanOrEqual(chain[1]);
      }
      expect(e.expected).toEqual({ minDays });
      expect(e.source).toBe(`tls://127.0.0.1:${env.lab.port(site)}`);
    },
  );

  test('one subject per certificate: the intermediate that lapses first is the one that fails', async () => {
    const r = await certificateValidity(t, { target: target('shortIntermediate'), minDays: 14 });
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject.replace(/serial \S+/, 'serial …'), s.outcome])).toEqual([
      ['leaf CN=localhost, serial …', 'pass'],
      [expect.stringMatching(/^intermediate CN=readyspec lab intermediate \d+, serial …$/), 'fail'],
      ['root CN=readyspec lab CA, serial …', 'pass'],
    ]);
    const [leaf, intermediate] = r.subjects!;
    expect(leaf.message).toMatch(/^valid 89\.\d days more \(≥ 14\)$/);
    expect(intermediate.message).toMatch(
      /^chain certificate CN=readyspec lab intermediate \d+ expires in 4\.9 days/,
    );
    expect(intermediate.evidence).toMatchObject({ expected: { minDays: 14 }, observed: { daysLeft: 4.9 } });
    expect(intermediate.evidence.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(r.evidence).toMatchObject({ subjects: 3, failed: 1, inconclusive: 0 });
  });

  test('an expired leaf is the failing subject; a self-signed leaf is the only one', async () => {
    const expired = await certificateValidity(t, { target: target('expired'), minDays: 14 });
    expect(expired.subjects?.map((s) => s.outcome)).toEqual(['fail', 'pass']);
    expect(expired.subjects?.[0].subject).toMatch(/^leaf CN=localhost, serial /);
    const self = await certificateValidity(t, { target: target('selfSigned'), minDays: 14 });
    expect(self.subjects?.map((s) => [s.subject.split(',')[0], s.outcome])).toEqual([
      ['leaf CN=localhost', 'pass'],
    ]);
  });

  test('the run clock decides: the valid certificate fails when the run is dated 80 days ahead', async () => {
    const now = new Date(Date.now() + 80 * 86_400_000);
    const r = await certificateValidity(t, { target: target('valid'), minDays: 14, now });
    expect(r.outcome).toBe('fail');
    expect((r.evidence as CertificateEvidence).leaf.daysLeft).toBeLessThan(10);
  });

  test.each([
    { fault: 'closed port', port: () => freePort(), message: /cannot connect.*ECONNREFUSED/ },
    {
      fault: 'silent server (handshake timeout)',
      port: async () => env.silent.port,
      message: /no answer within 300 ms \(TLS handshake\)/,
    },
    {
      fault: 'server speaking only TLS 1.0/1.1',
      port: async () => env.lab.port('legacyOnly'),
      message: /handshake failed/,
    },
  ])('$fault → error', async ({ port, message }) => {
    const r = await certificateValidity(t, {
      target: { host: '127.0.0.1', port: await port(), timeoutMs: 300 },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
    expect(r.evidence.error).toBe(r.message);
    expect(r.subjects).toBeUndefined();
  });
});
