// A real Prometheus that has not scraped its targets yet: what it says about them (`unknown`, no
// last scrape) is "cannot tell", so each target is `error`, never a down or stale failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startUnscrapedPrometheus,
  type UnscrapedPrometheus,
} from '../../fixtures/lab/monitoring-unscraped.ts';
import { HttpPool } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';
import { prometheusScrapeAge } from './prometheus-scrape-age.ts';
import { prometheusTargets } from './prometheus-targets.ts';

let prom: UnscrapedPrometheus;
let api: MonitoringApi;
const http = new HttpPool({ timeoutMs: 5000 });

beforeAll(async () => {
  prom = await startUnscrapedPrometheus();
  api = { http, url: prom.url, timeoutMs: 5000 };
});
afterAll(async () => {
  await http.close();
  await prom?.stop();
});

describe('targets Prometheus has not scraped yet', () => {
  it('prometheus.targets: each is error (not scraped yet), the summary too', async () => {
    const r = await prometheusTargets(api);
    expect(r.outcome).toBe('error');
    expect(r.subjects?.map((s) => [s.subject, s.outcome]).sort()).toEqual(
      prom.targets.map((t) => [t, 'error']).sort(),
    );
    expect(r.subjects?.[0].message).toMatch(/health unknown \(not scraped yet\), cannot tell/);
  });
  it('prometheus.scrape-age: each is error (no scrape age yet), not a stale failure', async () => {
    const r = await prometheusScrapeAge(api, { maxSeconds: 60 }, new Date());
    expect(r.outcome).toBe('error');
    expect(r.subjects?.map((s) => s.outcome)).toEqual(['error', 'error']);
    expect(r.subjects?.[0].message).toMatch(/not scraped yet \(health unknown\)/);
  });
});
