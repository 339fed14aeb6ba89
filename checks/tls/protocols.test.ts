import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { type LabServer, startSilentServer, startSlowServer } from '../../fixtures/lab/servers.ts';
import { startTlsLab, type TlsLab, type TlsSite } from '../../fixtures/lab/tls-sites.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { forbiddenProtocols, LEGACY_CIPHERS, type ProtocolVersion } from './protocols.ts';

let lab: TlsLab;
let silent: LabServer;
let plainHttp: LabServer;
const t = new NodeTlsTransport(5_000);

beforeAll(async () => {
  lab = await startTlsLab();
  silent = await startSilentServer();
  plainHttp = await startSlowServer(0);
});
afterAll(async () => {
  await lab?.stop();
  await silent?.close();
  await plainHttp?.close();
});

const target = (site: TlsSite) => ({ host: '127.0.0.1', port: lab.port(site), ca: lab.ca });

describe('the lab really serves TLS 1.0/1.1 (this nginx and OpenSSL build allow it)', () => {
  test('nginx with ssl_protocols TLSv1 TLSv1.1 negotiates TLSv1 and TLSv1.1 with a SECLEVEL=0 client', async () => {
    // nginx -V prints to stderr: the nginx version and the OpenSSL it was built with.
    const built = spawnSync('nginx', ['-V'], { encoding: 'utf8' }).stderr.split('\n').slice(0, 2).join('; ');
    console.log(`lab: node client OpenSSL ${process.versions.openssl}; ${built}`);
    for (const v of ['TLSv1', 'TLSv1.1'] as const) {
      const s = await t.connect({
        ...target('legacyOnly'),
        minVersion: v,
        maxVersion: v,
        ciphers: LEGACY_CIPHERS,
      });
      console.log(`lab: legacyOnly negotiated ${s.protocol} with ${s.cipher}`);
      expect(s.protocol).toBe(v);
    }
  });

  test('without @SECLEVEL=0 our own client refuses, so the probe must lower it', async () => {
    const err = await t
      .connect({ ...target('legacyOnly'), minVersion: 'TLSv1', maxVersion: 'TLSv1' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err.code)).toMatch(/^ERR_SSL_/);
  });
});

describe('forbiddenProtocols against real nginx', () => {
  test.each([
    {
      site: 'valid',
      forbid: undefined,
      outcome: 'pass',
      accepted: [],
      observed: { TLSv1: 'refused', 'TLSv1.1': 'refused' },
    },
    {
      site: 'legacyOnly',
      forbid: undefined,
      outcome: 'fail',
      accepted: ['TLSv1', 'TLSv1.1'],
      observed: { TLSv1: 'accepted', 'TLSv1.1': 'accepted' },
    },
    {
      site: 'tls11Too',
      forbid: undefined,
      outcome: 'fail',
      accepted: ['TLSv1.1'],
      observed: { TLSv1: 'refused', 'TLSv1.1': 'accepted' },
    },
    {
      site: 'valid',
      forbid: ['TLSv1.2'],
      outcome: 'fail',
      accepted: ['TLSv1.2'],
      observed: { 'TLSv1.2': 'accepted' },
    },
    { site: 'tls11Too', forbid: ['TLSv1'], outcome: 'pass', accepted: [], observed: { TLSv1: 'refused' } },
  ] as const)(
    '$site forbidding $forbid → $outcome',
    async ({ site, forbid, outcome, accepted, observed }) => {
      const r = await forbiddenProtocols(t, {
        target: target(site),
        forbid: forbid as ProtocolVersion[] | undefined,
      });
      expect(r.outcome).toBe(outcome);
      expect(r.evidence.observed).toEqual(observed);
      expect(r.evidence.accepted).toEqual(accepted);
      if (outcome === 'fail') expect(r.message).toBe(`server accepts forbidden ${accepted.join(', ')}`);
    },
  );

  test.each([
    { fault: 'closed port', port: () => freePort(), message: /ECONNREFUSED/ },
    {
      fault: 'silent server (handshake timeout)',
      port: async () => silent.port,
      message: /no answer within 300 ms \(TLS handshake\)/,
    },
    // A plain HTTP port answers every ClientHello with garbage: that is no proof of refusal.
    { fault: 'plain HTTP server', port: async () => plainHttp.port, message: /handshake failed/ },
  ])('$fault → error', async ({ port, message }) => {
    const r = await forbiddenProtocols(t, {
      target: { host: '127.0.0.1', port: await port(), timeoutMs: 300 },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });
});
