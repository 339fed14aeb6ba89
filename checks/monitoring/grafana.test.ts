// Grafana probes against payloads recorded from Grafana's documented API (fixtures/recorded/grafana).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type RecordedRoute,
  type RecordedServer,
  startRecordedServer,
} from '../../fixtures/lab/recorded-server.ts';
import type { ProbeResult } from '../probe.ts';
import { HttpPool } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';
import { grafanaDashboards } from './grafana-dashboards.ts';
import { grafanaDatasources } from './grafana-datasources.ts';
import { grafanaHealth } from './grafana-health.ts';

const TOKEN = 'glsa_lab_token_made_up_for_tests';
const HEALTHY: Record<string, RecordedRoute> = {
  '/api/health': { file: 'grafana/health.json' },
  '/api/search': { file: 'grafana/search-dashboards.json' },
  '/api/datasources': { file: 'grafana/datasources.json' },
  '/api/datasources/uid/P1809F7CD0C75ACF3/health': { file: 'grafana/datasource-health-prometheus-ok.json' },
  '/api/datasources/uid/P8E80F9AEF21F6940/health': { file: 'grafana/datasource-health-loki-ok.json' },
};

let grafana: RecordedServer;
let api: MonitoringApi;
const http = new HttpPool({ timeoutMs: 5000 });

beforeAll(async () => {
  grafana = await startRecordedServer({ ...HEALTHY }, TOKEN);
  api = { http, url: grafana.url, token: TOKEN, timeoutMs: 5000 };
});
beforeEach(() => {
  grafana.routes = { ...HEALTHY };
});
afterAll(async () => {
  await http.close();
  await grafana?.stop();
});

describe('grafana.health', () => {
  it('passes when the database is ok, sending the token as a bearer', async () => {
    const r = await grafanaHealth(api);
    expect(r).toMatchObject({ outcome: 'pass', message: 'Grafana 10.4.2 healthy, database ok' });
    expect(grafana.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(r.evidence)).not.toContain(TOKEN);
  });
  it('fails when Grafana reports its database failing (503)', async () => {
    grafana.routes['/api/health'] = { status: 503, file: 'grafana/health-database-failing.json' };
    const r = await grafanaHealth(api);
    expect(r).toMatchObject({
      outcome: 'fail',
      message: 'Grafana 10.4.2 unhealthy: status 503, database failing',
    });
  });
});

describe('grafana.dashboards', () => {
  it.each([
    [{ min: 3 }, 'pass', '3 dashboards'],
    [
      { min: 3, names: ['Node Exporter Full', 'Production Overview'] },
      'pass',
      'including Node Exporter Full',
    ],
    [{ min: 12 }, 'fail', '3 dashboards, expected at least 12'],
    [{ names: ['Node Exporter Full', 'Blackbox'] }, 'fail', 'dashboards missing: Blackbox'],
  ])('%j → %s', async (params, outcome, message) => {
    const r = await grafanaDashboards(api, params);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toContain(message);
    expect(grafana.requests.at(-1)?.url).toContain('type=dash-db');
  });
});

describe('grafana.datasources', () => {
  const verdicts = (r: ProbeResult) =>
    Object.fromEntries((r.subjects ?? []).map((x) => [x.subject, x.outcome]));
  it('passes each data source that answers OK', async () => {
    const r = await grafanaDatasources(api);
    expect(r.outcome).toBe('pass');
    expect(verdicts(r)).toEqual({ Prometheus: 'pass', Loki: 'pass' });
    expect(r.subjects?.[0].evidence).toMatchObject({ type: 'prometheus', observed: 'OK' });
  });
  it('fails only the unhealthy data source, with Grafana’s reason', async () => {
    grafana.routes['/api/datasources/uid/P8E80F9AEF21F6940/health'] = {
      status: 400,
      file: 'grafana/datasource-health-loki-error.json',
    };
    const r = await grafanaDatasources(api);
    expect(r.outcome).toBe('fail');
    expect(verdicts(r)).toEqual({ Prometheus: 'pass', Loki: 'fail' });
    expect(r.subjects?.[1].message).toBe(
      'Loki (loki) ERROR: Unable to connect with Loki. Please check the server logs for more details.',
    );
  });
  it('fails a named data source that does not exist', async () => {
    const r = await grafanaDatasources(api, { names: ['Prometheus', 'Tempo'] });
    expect(verdicts(r)).toEqual({ Prometheus: 'pass', Tempo: 'fail' });
    expect(r.subjects?.[1].message).toBe('data source Tempo missing');
  });
  it('is an error for the data source whose health check cannot be read, and only for it', async () => {
    delete grafana.routes['/api/datasources/uid/P1809F7CD0C75ACF3/health'];
    const r = await grafanaDatasources(api);
    expect(r.outcome).toBe('error');
    expect(verdicts(r)).toEqual({ Prometheus: 'error', Loki: 'pass' });
    expect(r.subjects?.[0].message).toContain('unexpected status 404');
  });
});

describe('when Grafana refuses the token', () => {
  it('is an error (no permission), not a failure', async () => {
    const r = await grafanaDashboards({ ...api, token: 'wrong' }, { min: 1 });
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('401 (the token was refused or lacks permission)');
  });
  it('says when no token is configured', async () => {
    const r = await grafanaHealth({ ...api, token: undefined });
    expect(r).toMatchObject({ outcome: 'error' });
    expect(r.message).toContain('no token configured');
  });
});
