/**
 * Outcome audit of the HTTP probes: each one driven through the faults a real estate throws at
 * it, against real servers on loopback. `fail` only where the fault is positive evidence of the
 * defect the probe is about (an expired certificate for http.status: no verifying client gets an
 * answer); everything the probe could not read is `error`, naming the URL and the cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResetServer, startTruncatedServer } from '../../fixtures/lab/http-site-faults.ts';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { LabServer } from '../../fixtures/lab/servers.ts';
import type { ProbeResult } from '../probe.ts';
import { WorkerLatencySampler } from '../transport/http-sampler.ts';
import { bodyContent } from './body.ts';
import type { Endpoint } from './endpoint.ts';
import { securityHeaders } from './headers.ts';
import { httpJson } from './json-probe.ts';
import { latency } from './latency.ts';
import { protectedEndpoint } from './protected.ts';
import { statusCode } from './status.ts';

const TIMEOUT_MS = 800;
const env = useHttpSite({ timeoutMs: TIMEOUT_MS, silent: true });
const sampler = new WorkerLatencySampler();
let reset: LabServer;
let truncated: LabServer;
let closedPort = 0;
beforeAll(async () => {
  [reset, truncated, closedPort] = await Promise.all([
    startResetServer(),
    startTruncatedServer(),
    freePort(),
  ]);
});
afterAll(async () => {
  await sampler.close();
  await Promise.all([reset?.close(), truncated?.close()]);
});

type Probe = 'status' | 'protected' | 'latency' | 'headers' | 'body' | 'json';
const PROBES: Probe[] = ['status', 'protected', 'latency', 'headers', 'body', 'json'];

const run: Record<Probe, (e: Endpoint) => Promise<ProbeResult>> = {
  status: (e) => statusCode(env.http, e),
  protected: (e) => protectedEndpoint(env.http, { ...e, protected: true }),
  latency: (e) => latency(sampler, e, { samples: 3, p95Ms: 2000 }, { timeoutMs: TIMEOUT_MS }),
  headers: (e) => securityHeaders(env.http, e),
  body: (e) => bodyContent(env.http, e, { json: { path: 'status', equals: 'ok' } }),
  json: (e) => httpJson(env.http, e, { expect: [{ path: 'status', equals: 'ok' }] }, undefined, new Date()),
};

type Fault = {
  fault: string;
  endpoint: () => Endpoint;
  /** The cause every result must name. */
  cause: RegExp;
  /** Probes the fault applies to (default all) and outcomes other than `error`. */
  probes?: Probe[];
  outcomes?: Partial<Record<Probe, 'fail'>>;
};

const FAULTS: Fault[] = [
  {
    fault: 'connection refused',
    endpoint: () => ({ url: `http://127.0.0.1:${closedPort}/` }),
    cause: /connection refused: connect ECONNREFUSED/,
  },
  {
    fault: 'a silent server (timeout)',
    endpoint: () => ({ url: `${env.silent.url}/` }),
    cause: new RegExp(`timeout after ${TIMEOUT_MS} ms`),
  },
  {
    fault: 'a reset in the middle of the body',
    endpoint: () => ({ url: `${reset.url}/` }),
    cause: /ECONNRESET|other side closed|socket hang up|aborted/,
  },
  {
    fault: 'a body cut short of its Content-Length',
    endpoint: () => ({ url: `${truncated.url}/` }),
    cause: /other side closed|socket hang up|aborted|premature|closed/i,
  },
  {
    fault: 'a body that is not JSON',
    endpoint: () => ({ url: env.site.http('/not-json') }),
    cause: /not JSON|Unexpected token/,
    probes: ['body', 'json'],
  },
  {
    fault: 'truncated JSON',
    endpoint: () => ({ url: env.site.http('/truncated-json') }),
    cause: /JSON/,
    probes: ['body', 'json'],
  },
  {
    fault: 'a broken TLS handshake (https to a plain HTTP port)',
    endpoint: () => ({ url: env.site.http('/ok').replace('http:', 'https:') }),
    cause: /TLS handshake failed: .*(wrong version number|packet length too long)/,
  },
  {
    fault: 'a CA the audit does not trust',
    endpoint: () => ({ url: env.site.https('/') }),
    cause: /certificate error: .*SELF_SIGNED_CERT_IN_CHAIN/,
  },
  {
    fault: 'an expired certificate',
    endpoint: () => ({ url: env.site.expired('/'), ca: env.site.ca.cert }),
    cause: /certificate has expired \(CERT_HAS_EXPIRED\)/,
    outcomes: { status: 'fail' },
  },
];

const cells = FAULTS.flatMap((f) =>
  (f.probes ?? PROBES).map((probe) => ({ ...f, probe, outcome: f.outcomes?.[probe] ?? 'error' })),
);

describe('HTTP probes under faults: the right outcome, the cause named', () => {
  it.each(cells)('$probe × $fault → $outcome', async ({ probe, endpoint, cause, outcome }) => {
    const e = endpoint();
    const r = await run[probe](e);
    expect([r.outcome, r.message]).toEqual([outcome, expect.stringMatching(cause)]);
    expect(r.message).toContain(new URL(e.url).host);
  });

  it('every probe is in the table', () => {
    expect(new Set(cells.map((c) => c.probe))).toEqual(new Set(PROBES));
  });
});
