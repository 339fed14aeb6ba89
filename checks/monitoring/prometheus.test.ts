// Every Prometheus probe against a real Prometheus 2.42 scraping a real node exporter, itself and a closed port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitoringLab, startMonitoringLab } from '../../fixtures/lab/monitoring-lab.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { ProbeResult } from '../probe.ts';
import { HttpPool } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';
import { prometheusAlerts } from './prometheus-alerts.ts';
import { prometheusExpression } from './prometheus-expression.ts';
import { type ExpectedJob, prometheusJobs } from './prometheus-jobs.ts';
import { prometheusRetention } from './prometheus-retention.ts';
import { prometheusRules } from './prometheus-rules.ts';
import { prometheusScrapeAge } from './prometheus-scrape-age.ts';
import { prometheusTargets } from './prometheus-targets.ts';

let lab: MonitoringLab;
let api: MonitoringApi;
const http = new HttpPool({ timeoutMs: 5000 });

beforeAll(async () => {
  lab = await startMonitoringLab();
  api = { http, url: lab.prometheusUrl, timeoutMs: 5000 };
});
afterAll(async () => {
  await http.close();
  await lab?.stop();
});

/** Outcome per subject, for comparing a whole collection at once. */
function verdicts(r: ProbeResult): Record<string, string> {
  return Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
}
const one = (r: ProbeResult, name: string) => r.subjects?.find((s) => s.subject === name);

describe('prometheus.targets', () => {
  it('gives each scrape target its own verdict: the dead one fails with its last error, the others pass', async () => {
    const r = await prometheusTargets(api);
    expect(r.outcome).toBe('fail');
    expect(verdicts(r)).toEqual({
      [`prometheus/${lab.prometheusUrl.replace('http://', '')}`]: 'pass',
      [`node/${lab.nodeInstance}`]: 'pass',
      [`dead/${lab.deadInstance}`]: 'fail',
    });
    const dead = one(r, `dead/${lab.deadInstance}`);
    expect(dead?.message).toMatch(/down: .*connection refused/);
    expect(dead?.evidence).toMatchObject({ observed: 'down', job: 'dead', instance: lab.deadInstance });
    expect(Date.parse(String(dead?.evidence.lastScrape))).toBeGreaterThan(Date.now() - 60_000);
    expect(one(r, `node/${lab.nodeInstance}`)?.evidence).toMatchObject({ observed: 'up', lastError: '' });
    expect(r.message).toMatch(/2 of 3 scrape targets pass, 1 fail/);
  });
  it('passes for the jobs that are up, judging only their targets', async () => {
    const r = await prometheusTargets(api, { jobs: ['node', 'prometheus'] });
    expect(r.outcome).toBe('pass');
    expect(Object.values(verdicts(r))).toEqual(['pass', 'pass']);
  });
  it('fails for a job with no target, as a subject of its own', async () => {
    const r = await prometheusTargets(api, { jobs: ['node', 'mysql'] });
    expect(verdicts(r)).toEqual({ [`node/${lab.nodeInstance}`]: 'pass', mysql: 'fail' });
    expect(one(r, 'mysql')?.message).toBe('job mysql has no active target');
  });
});

describe('prometheus.jobs', () => {
  const NODE = 'NODE';
  const cases: [string, ExpectedJob[], string][] = [
    [
      'pass',
      [
        { job: 'node', instances: [NODE] },
        { job: 'dead', count: 1 },
      ],
      'job node present with 1 targets',
    ],
    ['fail', [{ job: 'node', instances: ['10.0.0.9:9100'] }], 'job node lacks 10.0.0.9:9100'],
    ['fail', [{ job: 'blackbox' }], 'job blackbox missing'],
    ['fail', [{ job: 'node', count: 3 }], 'job node has 1 targets, expected at least 3'],
  ];
  it.each(cases)('%s for %j', async (outcome, expected, message) => {
    const real = expected.map((e) => ({
      ...e,
      instances: e.instances?.map((i) => (i === NODE ? lab.nodeInstance : i)),
    }));
    const r = await prometheusJobs(api, { expected: real });
    expect(r.outcome).toBe(outcome);
    expect(r.subjects?.map((s) => s.subject)).toEqual(expected.map((e) => e.job));
    expect(r.subjects?.[0]).toMatchObject({ outcome, message });
  });
});

describe('prometheus.scrape-age', () => {
  it('passes each target scraped within the limit', async () => {
    const r = await prometheusScrapeAge(api, { maxSeconds: 30 }, new Date());
    expect(r.outcome).toBe('pass');
    expect(r.subjects).toHaveLength(3);
    for (const s of r.subjects ?? [])
      expect((s.evidence.observed as { ageSeconds: number }).ageSeconds).toBeLessThan(30);
  });
  it('fails each target when the run clock is 5 minutes past the last scrapes', async () => {
    const r = await prometheusScrapeAge(
      api,
      { maxSeconds: 120, jobs: ['node'] },
      new Date(Date.now() + 300_000),
    );
    expect(verdicts(r)).toEqual({ [`node/${lab.nodeInstance}`]: 'fail' });
    expect(r.subjects?.[0].message).toMatch(/last scraped \d+(\.\d)? s ago \(> 120 s\)/);
  });
});

describe('prometheus.rules', () => {
  it('judges each rule: the one that errors at evaluation fails with its lastError, the others pass', async () => {
    const r = await prometheusRules(api);
    expect(r.outcome).toBe('fail');
    expect(verdicts(r)).toEqual({
      'health/Watchdog': 'pass',
      'health/NodeDown': 'pass',
      'health/TargetDown': 'pass',
      'health/job:up:sum': 'pass',
      'broken/broken:label_replace': 'fail',
    });
    expect(one(r, 'broken/broken:label_replace')?.message).toContain(
      'broken/broken:label_replace: invalid regular expression in label_replace()',
    );
  });
  it.each([
    [['health'], 'pass', { 'health/Watchdog': 'pass' }],
    [['health', 'kubernetes'], 'fail', { 'group kubernetes': 'fail' }],
  ])('groups %j → %s', async (groups, outcome, some) => {
    const r = await prometheusRules(api, { groups });
    expect(r.outcome).toBe(outcome);
    expect(verdicts(r)).toMatchObject(some);
    expect(r.subjects?.some((s) => s.subject.startsWith('broken/'))).toBe(false);
  });
});

describe('prometheus.alerts', () => {
  it.each([
    [{ firing: ['Watchdog'], notFiring: ['NodeDown'] }, 'pass', { Watchdog: 'pass', NodeDown: 'pass' }],
    [{ notFiring: ['TargetDown'] }, 'fail', { TargetDown: 'fail' }],
    [{ firing: ['DeadMansSwitch'] }, 'fail', { DeadMansSwitch: 'fail' }],
  ])('%j → %s', async (params, outcome, expected) => {
    const r = await prometheusAlerts(api, params);
    expect(r.outcome).toBe(outcome);
    expect(verdicts(r)).toEqual(expected);
  });
  it('names the series that fire', async () => {
    const r = await prometheusAlerts(api, { notFiring: ['TargetDown'] });
    expect(r.subjects?.[0].evidence.series).toEqual([
      expect.objectContaining({ alertname: 'TargetDown', instance: lab.deadInstance, job: 'dead' }),
    ]);
  });
});

describe('prometheus.retention', () => {
  it.each([
    [30, 'pass', 'retention 30d (30 days) ≥ 30 days'],
    [90, 'fail', 'retention 30d (30 days) < 90 days'],
  ])('minDays %d → %s', async (minDays, outcome, message) => {
    expect(await prometheusRetention(api, { minDays })).toMatchObject({ outcome, message });
  });
});

describe('prometheus.expression', () => {
  it.each([
    [
      { query: 'up{job="node"}', expect: { op: '==', value: 1 } },
      'pass',
      'every series of up{job="node"} == 1',
    ],
    [{ query: 'up', expect: { op: '==', value: 1 } }, 'fail', `up{instance="${'DEAD'}", job="dead"} = 0`],
    [{ query: 'up', expect: { op: '==', value: 1, each: false } }, 'pass', 'at least one series of up == 1'],
    [
      { query: 'up{job="node"}', expect: 'non-empty', minSeries: 2 },
      'fail',
      'returned 1 series, expected at least 2',
    ],
    [{ query: 'up{job="mysql"}', expect: 'non-empty' }, 'fail', 'up{job="mysql"} returned no series'],
    [{ query: 'sum(up', expect: 'non-empty' }, 'error', 'bad_data'],
  ] as const)('%j → %s', async (params, outcome, message) => {
    const r = await prometheusExpression(api, params as Parameters<typeof prometheusExpression>[1]);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toContain(message.replace('DEAD', lab.deadInstance));
  });
});

describe('when Prometheus cannot be read', () => {
  it('is an error, not a failure, when nothing listens', async () => {
    const down = { ...api, url: `http://127.0.0.1:${await freePort()}` };
    const r = await prometheusTargets(down);
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/refused/i);
  });
});
