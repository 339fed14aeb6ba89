// Every Alertmanager probe against a real Alertmanager 0.25 routing to a real webhook receiver run here.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MonitoringLab,
  startAlertmanager,
  startMonitoringLab,
} from '../../fixtures/lab/monitoring-lab.ts';
import { type Daemon, freePort, waitUntil } from '../../fixtures/lab/process.ts';
import { HttpPool } from '../transport/http-pool.ts';
import { alertmanagerConfig } from './alertmanager-config.ts';
import { alertmanagerReady } from './alertmanager-ready.ts';
import { alertmanagerSilences } from './alertmanager-silences.ts';
import { alertmanagerTestAlert, TEST_ALERT_NAME } from './alertmanager-test-alert.ts';
import type { MonitoringApi } from './api.ts';

let lab: MonitoringLab;
let api: MonitoringApi;
let dropAll: Daemon;
let dropAllApi: MonitoringApi;
let notReady: Server;
const http = new HttpPool({ timeoutMs: 5000 });
const DAY = 86_400_000;

beforeAll(async () => {
  lab = await startMonitoringLab();
  api = { http, url: lab.alertmanagerUrl, timeoutMs: 5000 };
  // A second real Alertmanager whose only receiver has no integration: every alert is dropped.
  const port = await freePort();
  dropAll = startAlertmanager(
    lab.dir,
    port,
    'route: {receiver: blackhole}\nreceivers: [{name: blackhole}]\n',
  );
  dropAllApi = { ...api, url: `http://127.0.0.1:${port}` };
  await waitUntil(
    'alertmanager (drop-all)',
    async () => (await fetch(`${dropAllApi.url}/-/ready`)).ok,
    15_000,
    dropAll.log,
  );
  // Alertmanager answers 503 on /-/ready only while its cluster settles, which a lab cannot hold open.
  notReady = createServer((_req, res) => res.writeHead(503).end('not ready'));
  await new Promise<void>((r) => notReady.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await http.close();
  await dropAll?.stop();
  await lab?.stop();
  notReady?.close();
});

describe('alertmanager.ready', () => {
  it('passes on a ready Alertmanager', async () => {
    expect(await alertmanagerReady(api)).toMatchObject({ outcome: 'pass', evidence: { observed: 200 } });
  });
  it('fails on 503', async () => {
    const address = notReady.address() as { port: number };
    const r = await alertmanagerReady({ ...api, url: `http://127.0.0.1:${address.port}` });
    expect(r).toMatchObject({ outcome: 'fail', evidence: { observed: 503 } });
  });
  it('is an error when nothing listens', async () => {
    const r = await alertmanagerReady({ ...api, url: `http://127.0.0.1:${await freePort()}` });
    expect(r.outcome).toBe('error');
  });
});

describe('alertmanager.config', () => {
  it('passes with a route to a receiver that sends', async () => {
    const r = await alertmanagerConfig(api, { receivers: ['lab-webhook'] });
    expect(r.outcome).toBe('pass');
    expect(r.evidence.observed).toMatchObject({
      routeReceiver: 'lab-webhook',
      withIntegrations: ['lab-webhook'],
    });
  });
  it('fails when a required receiver is not defined', async () => {
    const r = await alertmanagerConfig(api, { receivers: ['pagerduty'] });
    expect(r).toMatchObject({ outcome: 'fail', message: 'receivers missing: pagerduty' });
  });
  it('fails when no receiver has an integration', async () => {
    const r = await alertmanagerConfig(dropAllApi);
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('no receiver has an integration');
  });
});

describe('alertmanager.silences', () => {
  beforeAll(async () => {
    const now = Date.now();
    const silence = {
      matchers: [{ name: 'alertname', value: 'NodeDown', isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 30 * DAY).toISOString(),
      createdBy: 'ops@example.test',
      comment: 'maintenance window',
    };
    const res = await fetch(`${lab.alertmanagerUrl}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(silence),
    });
    expect(res.status).toBe(200);
  });
  it('passes the active silence while it is young, as a subject named by its id', async () => {
    const r = await alertmanagerSilences(api, { maxAgeDays: 7 }, new Date());
    expect(r.outcome).toBe('pass');
    expect(r.subjects).toHaveLength(1);
    expect(r.subjects?.[0]).toMatchObject({
      subject: expect.stringMatching(/^[0-9a-f-]{36}$/),
      outcome: 'pass',
      evidence: { createdBy: 'ops@example.test', matchers: ['alertname=NodeDown'] },
    });
  });
  it('fails the silence when the run clock is 10 days after it started', async () => {
    const r = await alertmanagerSilences(api, { maxAgeDays: 7 }, new Date(Date.now() + 10 * DAY));
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.[0].message).toMatch(
      /silence .* by ops@example.test \(alertname=NodeDown\) active for 10 days \(> 7\)/,
    );
  });
});

describe('alertmanager.test-alert', () => {
  it('proves delivery to the webhook receiver and reports the delivery time', async () => {
    const r = await alertmanagerTestAlert(api, {
      receiverCheck: { url: `${lab.webhook.receivedUrl}?label={id}` },
      timeoutSeconds: 15,
    });
    expect(r.outcome).toBe('pass');
    const deliveryMs = (r.evidence.observed as { deliveryMs: number }).deliveryMs;
    expect(deliveryMs).toBeGreaterThan(0);
    expect(deliveryMs).toBeLessThan(15_000);
    const id = (r.evidence.alert as Record<string, string>).readyspec_test;
    const delivered = lab.webhook.deliveries.filter((d) => JSON.stringify(d.body).includes(id));
    expect(delivered[0].body).toMatchObject({
      receiver: 'lab-webhook',
      alerts: [{ labels: { alertname: TEST_ALERT_NAME } }],
    });
    expect(r.evidence.resolved).toBe(true);
  });
  it('fails when the receiver never gets it', async () => {
    lab.webhook.recording = false;
    try {
      const r = await alertmanagerTestAlert(api, {
        receiverCheck: { url: `${lab.webhook.receivedUrl}?label={id}` },
        timeoutSeconds: 3,
      });
      expect(r.outcome).toBe('fail');
      expect(r.message).toContain('accepted but not seen at the receiver within 3 s');
    } finally {
      lab.webhook.recording = true;
    }
  });
  it('fails when the route drops it (receiver without integration)', async () => {
    const r = await alertmanagerTestAlert(dropAllApi, {
      receiverCheck: { url: `${lab.webhook.receivedUrl}?label={id}` },
      timeoutSeconds: 2,
    });
    expect(r.outcome).toBe('fail');
  });
  it('is an error when delivery cannot be observed', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/received?label={id}`;
    const r = await alertmanagerTestAlert(api, { receiverCheck: { url: closed }, timeoutSeconds: 1 });
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('never answered');
  });
});
