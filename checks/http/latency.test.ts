import { describe, expect, it } from 'vitest';
import { SLOW_MS } from '../../fixtures/lab/http-site.ts';
import { useHttpSite } from '../../fixtures/lab/http-site-hooks.ts';
import { latency, percentile } from './latency.ts';

describe('percentile (nearest rank)', () => {
  it.each([
    [[10], 50, 10],
    [[10], 95, 10],
    [[1, 2, 3, 4, 5], 50, 3],
    [[1, 2, 3, 4, 5], 95, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('%j p%i = %i', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe('http.latency against a real nginx', () => {
  const env = useHttpSite({ timeoutMs: 1000, silent: true });
  const { http } = env;

  it('passes a fast location within budget, with every sample in evidence', async () => {
    const result = await latency(http, { url: env.site.http('/ok') }, { samples: 7, p50Ms: 200, p95Ms: 250 });
    expect(result.outcome).toBe('pass');
    expect(result.evidence.samples).toHaveLength(7);
    expect(result.evidence.statuses).toEqual([200]);
    expect(result.message).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms over 7 samples, within budget/);
  });

  it('fails a slow location over its p50 budget', async () => {
    const result = await latency(http, { url: env.site.http('/slow') }, { samples: 3, p50Ms: 100 });
    expect(result.outcome).toBe('fail');
    expect(result.message).toMatch(/too slow: p50 [\d.]+ ms > 100 ms \(3 samples\)/);
    const observed = result.evidence.observed as { p50Ms: number; p95Ms: number };
    expect(observed.p50Ms).toBeGreaterThanOrEqual(SLOW_MS);
  });

  it('passes the same slow location under a generous p95 budget', async () => {
    const result = await latency(http, { url: env.site.http('/slow') }, { samples: 2, p95Ms: 900 });
    expect(result.outcome).toBe('pass');
  });

  it('is an error for a 502: the latency of an error page says nothing', async () => {
    const result = await latency(http, { url: env.site.http('/bad-gateway') }, { samples: 2, p95Ms: 1000 });
    expect(result.outcome).toBe('error');
    expect(result.message).toMatch(/answered 502/);
  });

  it('is an error naming the URL when a sample times out', async () => {
    const url = `${env.silent.url}/`;
    const result = await latency(http, { url }, { samples: 3, p95Ms: 5000 });
    expect(result).toMatchObject({ outcome: 'error', message: `[GET] ${url}: timeout after 1000 ms` });
  });

  it('caps samples at 100', async () => {
    const result = await latency(http, { url: env.site.http('/ok') }, { samples: 500, p95Ms: 1000 });
    expect(result.evidence.samples).toHaveLength(100);
  });
});
