/**
 * Outcome audit of the TLS probes against real servers on loopback: no TCP, no answer, a
 * connection reset in the handshake and a server that does not speak TLS are `error` (nothing
 * was read); an untrusted CA fails only tls.chain, an expired certificate fails tls.certificate
 * and tls.chain (both positive evidence) and no probe that is not about them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { type LabServer, startSlowServer } from '../../fixtures/lab/servers.ts';
import { startResetOnAcceptServer } from '../../fixtures/lab/tls-faults.ts';
import { useTlsLab } from '../../fixtures/lab/tls-lab-hooks.ts';
import type { ProbeResult } from '../probe.ts';
import { NodeTlsTransport, type TlsConnectOptions } from '../transport/tls.ts';
import { certificateValidity } from './certificate.ts';
import { chainVerifies } from './chain.ts';
import { hostnameMatch } from './hostname.ts';
import { keySize } from './key-size.ts';
import { forbiddenProtocols } from './protocols.ts';

const env = useTlsLab();
const t = new NodeTlsTransport(5_000);
let reset: LabServer;
let plain: LabServer;
let closedPort = 0;
beforeAll(async () => {
  [reset, plain, closedPort] = await Promise.all([
    startResetOnAcceptServer(),
    startSlowServer(0),
    freePort(),
  ]);
});
afterAll(async () => {
  await Promise.all([reset?.close(), plain?.close()]);
});

type Probe = 'certificate' | 'hostname' | 'chain' | 'key-size' | 'protocols';
const PROBES: Probe[] = ['certificate', 'hostname', 'chain', 'key-size', 'protocols'];
const run: Record<Probe, (target: TlsConnectOptions) => Promise<ProbeResult>> = {
  certificate: (target) => certificateValidity(t, { target, minDays: 14 }),
  hostname: (target) => hostnameMatch(t, { target }),
  chain: (target) => chainVerifies(t, { target }),
  'key-size': (target) => keySize(t, { target }),
  protocols: (target) => forbiddenProtocols(t, { target }),
};

type Row = {
  fault: string;
  target: () => TlsConnectOptions;
  /** Outcome and the cause its message names, per probe; `error` with `cause` for the rest. */
  cause?: RegExp;
  except?: Partial<Record<Probe, ['pass' | 'fail', RegExp]>>;
};

const local = (port: number, extra: Partial<TlsConnectOptions> = {}) => ({
  host: '127.0.0.1',
  port,
  timeoutMs: 400,
  ...extra,
});

const ROWS: Row[] = [
  { fault: 'connection refused', target: () => local(closedPort), cause: /cannot connect: .*ECONNREFUSED/ },
  {
    fault: 'a silent server',
    target: () => local(env.silent.port),
    cause: /no answer within 400 ms \(TLS handshake\)/,
  },
  {
    fault: 'a reset during the handshake',
    target: () => local(reset.port),
    cause: /handshake failed: .*ECONNRESET|connection closed during the handshake/,
  },
  {
    fault: 'a server that does not speak TLS',
    target: () => local(plain.port),
    cause: /handshake failed: .*(wrong version number|packet length too long)/,
  },
  {
    fault: 'a CA the audit does not trust',
    target: () => local(env.lab.port('valid')),
    except: {
      certificate: ['pass', /leaf valid 89/],
      hostname: ['pass', /covers 127\.0\.0\.1/],
      chain: [
        'fail',
        /does not verify against system CAs: SELF_SIGNED_CERT_IN_CHAIN \(root CN=readyspec lab CA/,
      ],
      'key-size': ['pass', /strong enough/],
      protocols: ['pass', /refuses TLSv1, TLSv1\.1/],
    },
  },
  {
    fault: 'an expired certificate',
    target: () => local(env.lab.port('expired'), { ca: env.lab.ca }),
    except: {
      certificate: ['fail', /^leaf CN=localhost expired 1 day ago/],
      hostname: ['pass', /covers 127\.0\.0\.1/],
      chain: ['fail', /CERT_HAS_EXPIRED \(leaf CN=localhost, serial/],
      'key-size': ['pass', /strong enough/],
      protocols: ['pass', /refuses TLSv1, TLSv1\.1/],
    },
  },
];

const cells = ROWS.flatMap((row) =>
  PROBES.map((probe) => {
    const [outcome, message] = row.except?.[probe] ?? ['error', row.cause as RegExp];
    return { fault: row.fault, target: row.target, probe, outcome, message };
  }),
);

describe('TLS probes under faults: the right outcome, the cause named', () => {
  it.each(cells)('tls.$probe × $fault → $outcome', async ({ probe, target, outcome, message }) => {
    const r = await run[probe](target());
    expect([r.outcome, r.message]).toEqual([outcome, expect.stringMatching(message)]);
    if (outcome === 'error') expect(r.subjects).toBeUndefined();
  });
});
