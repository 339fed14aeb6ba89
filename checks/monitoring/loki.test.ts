// Loki probes against payloads recorded from Loki's documented HTTP API (fixtures/recorded/loki).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedServer, startRecordedServer } from '../../fixtures/lab/recorded-server.ts';
import { HttpPool } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';
import { ingestionQuery, lokiIngestion } from './loki-ingestion.ts';
import { lokiReady } from './loki-ready.ts';

let loki: RecordedServer;
let api: MonitoringApi;
const http = new HttpPool({ timeoutMs: 5000 });
const NOW = new Date('2026-03-01T12:00:00Z');

beforeAll(async () => {
  loki = await startRecordedServer({});
  api = { http, url: loki.url, timeoutMs: 5000 };
});
afterAll(async () => {
  await http.close();
  await loki?.stop();
});

describe('loki.ready', () => {
  it.each([
    [{ body: 'ready\n' }, 'pass', 'Loki ready'],
    [
      { status: 503, body: 'Ingester not ready: waiting for 15s after being ready' },
      'fail',
      'Loki not ready: 503 Ingester',
    ],
  ])('%j → %s', async (route, outcome, message) => {
    loki.routes = { '/ready': route };
    const r = await lokiReady(api);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toContain(message);
  });
});

describe('loki.ingestion', () => {
  it('passes when every host shipped lines, asking one count_over_time query at the run clock', async () => {
    loki.routes = { '/loki/api/v1/query': { file: 'loki/query-ingestion.json' } };
    const r = await lokiIngestion(api, { hosts: ['web1', 'web2'], maxMinutes: 15 }, NOW);
    expect(r.outcome).toBe('pass');
    expect(r.subjects?.map((s) => [s.subject, s.outcome, s.evidence.observed])).toEqual([
      ['web1', 'pass', 1267],
      ['web2', 'pass', 842],
    ]);
    const asked = new URL(loki.requests.at(-1)?.url ?? '', 'http://x');
    expect(asked.searchParams.get('query')).toBe('sum by (host) (count_over_time({host=~"web1|web2"}[15m]))');
    expect(asked.searchParams.get('time')).toBe(`${NOW.getTime()}000000`);
  });
  it('fails naming the host whose stream went stale', async () => {
    loki.routes = { '/loki/api/v1/query': { file: 'loki/query-ingestion-stale.json' } };
    const r = await lokiIngestion(api, { hosts: ['web1', 'web2'], maxMinutes: 15 }, NOW);
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['web1', 'pass'],
      ['web2', 'fail'],
    ]);
    expect(r.subjects?.[1].message).toBe('web2: no log lines in the last 15 min (label host)');
  });
  it('is an error when Loki rejects the query', async () => {
    loki.routes = { '/loki/api/v1/query': { status: 400, file: 'loki/query-bad-data.json' } };
    const r = await lokiIngestion(api, { hosts: ['web1'], maxMinutes: 5 }, NOW);
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('bad_data: parse error');
  });
  it('quotes host names literally in the selector', () => {
    expect(ingestionQuery('instance', ['db.1', 'a|b'], 10)).toBe(
      String.raw`sum by (instance) (count_over_time({instance=~"db\\.1|a\\|b"}[10m]))`,
    );
  });
});
