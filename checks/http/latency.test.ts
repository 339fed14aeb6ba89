import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_MS } from '../../fixtures/lab/http-site.ts';
import { startHangAfterFirstServer } from '../../fixtures/lab/http-site-faults.ts';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { LabServer } from '../../fixtures/lab/servers.ts';
import { WorkerLatencySampler } from '../transport/http-sampler.ts';
import type { Endpoint } from './endpoint.ts';
import { type LatencyParams, latency } from './latency.ts';

const env = useHttpSite({ timeoutMs: 1000, silent: true });
const sampler = new WorkerLatencySampler();
let hang: LabServer;
beforeAll(async () => {
  hang = await startHangAfterFirstServer();
});
afterAll(async () => {
  await sampler.close();
  await hang?.close();
});

const measure = (endpoint: Endpoint, params: LatencyParams, timeoutMs = 1000) =>
  latency(sampler, endpoint, params, { timeoutMs });

describe('http.latency against a real nginx, sampled in a worker', () => {
  it('passes a fast location on one warm connection, the warm-up apart from the samples', async () => {
    const r = await measure({ url: env.site.http('/ok') }, { samples: 7, p50Ms: 200, p95Ms: 250 });
    expect(r.outcome).toBe('pass');
    expect(r.evidence).toMatchObject({ method: 'worker, warm keep-alive, 7 samples', planned: 7 });
    expect(r.evidence).toMatchObject({
      statuses: [200],
      connections: 1,
      expected: { p50Ms: 200, p95Ms: 250 },
    });
    expect(r.evidence.samples).toHaveLength(7);
    expect(r.evidence.warmup).toMatchObject({ status: 200 });
    expect(r.message).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms \(worker, warm keep-alive, 7 samples\), within/);
  });

  it('stops once the median is certainly within budget', async () => {
    const r = await measure({ url: env.site.http('/ok') }, { samples: 5, p50Ms: 200 });
    expect(r.outcome).toBe('pass');
    expect(r.evidence.samples).toHaveLength(3);
    expect(r.evidence.method).toBe(
      'worker, warm keep-alive, 3 of 5 samples, stopped once the verdict was certain',
    );
  });

  it('passes https with the CA the endpoint trusts', async () => {
    const r = await measure({ url: env.site.https('/'), ca: env.site.ca.cert }, { samples: 3, p95Ms: 500 });
    expect([r.outcome, r.evidence.connections]).toEqual(['pass', 1]);
  });

  it('fails a slow location without waiting out each answer: a sample past the budget is cut', async () => {
    const started = performance.now();
    const r = await measure({ url: env.site.http('/slow') }, { samples: 3, p50Ms: 100 });
    expect(r.outcome, r.message).toBe('fail');
    expect(r.message).toMatch(
      /too slow: p50 > 100 ms \(no answer after \d+(\.\d)? ms\) \(worker, warm keep-alive, 2 of 3 samples, 1 on a new connection/,
    );
    // Cut at the budget, not when the answer came (a timer may fire late on a loaded machine).
    const cutAt = Number(/no answer after ([\d.]+) ms/.exec(r.message)?.[1]);
    expect(cutAt).toBeGreaterThanOrEqual(100);
    expect(cutAt).toBeLessThan(SLOW_MS);
    expect(r.evidence.unanswered).toHaveLength(2);
    expect(r.evidence.lowerBounds).toEqual(['p50Ms', 'p95Ms']);
    // Warm-up (SLOW_MS) plus two samples cut at 100 ms, not three full answers.
    expect(performance.now() - started).toBeLessThan(SLOW_MS + 2 * 100 + 250);
  });

  it('fails p95 on the first sample over budget when one sample decides it', async () => {
    const r = await measure({ url: env.site.http('/slow') }, { samples: 5, p50Ms: 1000, p95Ms: 150 });
    expect(r.outcome).toBe('fail');
    expect(r.evidence.samples).toHaveLength(1);
    expect(r.message).toMatch(/p95 3\d\d(\.\d)? ms > 150 ms/);
  });

  it('passes the same slow location under a generous budget, with its real times', async () => {
    const r = await measure({ url: env.site.http('/slow') }, { samples: 2, p95Ms: 900 });
    expect(r.outcome).toBe('pass');
    const observed = r.evidence.observed as { p50Ms: number };
    expect(observed.p50Ms).toBeGreaterThanOrEqual(SLOW_MS);
  });

  it('caps samples at 100 and still stops once certain (p95 of 100: 95 within)', async () => {
    const r = await measure({ url: env.site.http('/ok') }, { samples: 500, p95Ms: 1000 });
    expect(r.outcome).toBe('pass');
    expect([r.evidence.planned, (r.evidence.samples as number[]).length]).toEqual([100, 95]);
  });

  it.each<[string, () => Endpoint, LatencyParams, RegExp]>([
    [
      'a 502',
      () => ({ url: env.site.http('/bad-gateway') }),
      { p95Ms: 1000 },
      /answered 502: the latency of an error/,
    ],
    [
      'a server that never answers',
      () => ({ url: `${env.silent.url}/` }),
      { p95Ms: 5000 },
      /^\[GET\] http:\S+: timeout after 1000 ms \(warm-up request\)$/,
    ],
    [
      'a refused port',
      () => ({ url: `http://127.0.0.1:${closedPort}/` }),
      { p95Ms: 100 },
      /connection refused: connect ECONNREFUSED .* \(warm-up request\)/,
    ],
    [
      'an expired certificate',
      () => ({ url: env.site.expired('/'), ca: env.site.ca.cert }),
      { p95Ms: 100 },
      /certificate error: certificate has expired \(CERT_HAS_EXPIRED\)/,
    ],
    [
      'a CA the endpoint does not trust',
      () => ({ url: env.site.https('/') }),
      { p95Ms: 100 },
      /certificate error: .*SELF_SIGNED_CERT_IN_CHAIN/,
    ],
    [
      'a sample timing out below the budget it would need',
      () => ({ url: `${hang.url}/` }),
      { samples: 3, p50Ms: 5000 },
      /timeout after 1000 ms \(sample 1\); the samples taken do not settle the budget/,
    ],
    [
      'an unreadable CA file',
      () => ({ url: env.site.https('/'), ca: '/nonexistent/ca.pem' }),
      { p95Ms: 100 },
      /cannot read CA file \/nonexistent\/ca\.pem/,
    ],
  ])('is an error naming the cause for %s', async (_name, endpoint, params, cause) => {
    const r = await measure(endpoint(), params);
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(cause);
    expect(r.message).toContain(endpoint().url);
  });

  it('fails a sample that timed out after a good warm-up when that alone exceeds the budget', async () => {
    const r = await measure({ url: `${hang.url}/` }, { samples: 1, p50Ms: 200 });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(/p50 > 200 ms \(no answer after 2\d\d(\.\d)? ms\)/);
  });

  it('records that TLS verification was skipped', async () => {
    const r = await measure({ url: env.site.expired('/'), insecure: true }, { samples: 2, p95Ms: 500 });
    expect([r.outcome, r.evidence.insecure]).toEqual(['pass', true]);
  });
});

let closedPort = 0;
beforeAll(async () => {
  closedPort = await freePort();
});
