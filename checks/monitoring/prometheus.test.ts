// Every Prometheus probe against a real Prometheus 2.42 scraping a real node exporter, itself and a closed port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitoringLab, startMonitoringLab } from '../../fixtures/lab/monitoring-lab.ts';
import { freePort } from '../../fixtures/lab/process.ts';
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

describe('prometheus.targets', () => {
  it('fails naming the dead target and its last error', async () => {
    const r = await prometheusTargets(api);
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain(`dead ${lab.deadInstance} down`);
    expect(r.message).toMatch(/connection refused/);
    expect(r.evidence.observed).toMatchObject({ targets: 3, up: 2 });
  });
  it('passes for the jobs that are up', async () => {
    const r = await prometheusTargets(api, { jobs: ['node', 'prometheus'] });
    expect(r).toMatchObject({ outcome: 'pass', message: 'all 2 active targets up' });
  });
  it('fails for a job with no target', async () => {
    const r = await prometheusTargets(api, { jobs: ['node', 'mysql'] });
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('job mysql has no active target');
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
      '',
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
    expect(r.message).toContain(message);
  });
});

describe('prometheus.scrape-age', () => {
  it('passes when every target was scraped within the limit', async () => {
    const r = await prometheusScrapeAge(api, { maxSeconds: 30 }, new Date());
    expect(r.outcome).toBe('pass');
    expect((r.evidence.observed as { oldestSeconds: number }).oldestSeconds).toBeLessThan(30);
  });
  it('fails when the run clock is 5 minutes past the last scrapes', async () => {
    const r = await prometheusScrapeAge(
      api,
      { maxSeconds: 120, jobs: ['node'] },
      new Date(Date.now() + 300_000),
    );
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain(`node ${lab.nodeInstance}`);
  });
});

describe('prometheus.rules', () => {
  it('fails on the rule that errors at evaluation, with its lastError', async () => {
    const r = await prometheusRules(api);
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('broken/broken:label_replace: invalid regular expression in label_replace()');
  });
  it.each([
    [['health'], 'pass', '4 rules in 1 groups evaluate without error'],
    [['health', 'kubernetes'], 'fail', 'group kubernetes not loaded'],
  ])('groups %j → %s', async (groups, outcome, message) => {
    const r = await prometheusRules(api, { groups });
    expect(r).toMatchObject({ outcome, message });
  });
});

describe('prometheus.alerts', () => {
  it.each([
    [{ firing: ['Watchdog'], notFiring: ['NodeDown'] }, 'pass', 'NodeDown not firing; Watchdog firing'],
    [{ notFiring: ['TargetDown'] }, 'fail', 'TargetDown is firing'],
    [{ firing: ['DeadMansSwitch'] }, 'fail', 'DeadMansSwitch is not firing'],
  ])('%j → %s', async (params, outcome, message) => {
    const r = await prometheusAlerts(api, params);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toContain(message);
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
