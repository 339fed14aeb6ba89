// Traefik probes against Traefik's own API golden files and documented runtime fields (fixtures/recorded/traefik).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedServer, startRecordedServer } from '../../fixtures/lab/recorded-server.ts';
import type { ProbeResult } from '../probe.ts';
import { HttpPool } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';
import { traefikRouters } from './traefik-routers.ts';
import { traefikServices } from './traefik-services.ts';

let traefik: RecordedServer;
let api: MonitoringApi;
const http = new HttpPool({ timeoutMs: 5000 });

beforeAll(async () => {
  traefik = await startRecordedServer({});
  api = { http, url: traefik.url, timeoutMs: 5000 };
});
afterAll(async () => {
  await http.close();
  await traefik?.stop();
});

const verdicts = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((x) => [x.subject, x.outcome]));

describe('traefik.routers', () => {
  it.each([
    ['routers.json', {}, 'pass', { 'bar@myprovider': 'pass', 'test@myprovider': 'pass' }],
    [
      'routers.json',
      { names: ['bar@myprovider', 'api@internal'] },
      'fail',
      { 'bar@myprovider': 'pass', 'test@myprovider': 'pass', 'api@internal': 'fail' },
    ],
    ['routers-with-errors.json', {}, 'fail', { 'bar@myprovider': 'pass', 'app@docker': 'fail' }],
  ])('%s %j → %s', async (file, params, outcome, expected) => {
    traefik.routes = { '/api/http/routers': { file: `traefik/${file}` } };
    const r = await traefikRouters(api, params);
    expect(r.outcome).toBe(outcome);
    expect(verdicts(r)).toEqual(expected);
  });
  it('names the broken router’s error in its own verdict', async () => {
    traefik.routes = { '/api/http/routers': { file: 'traefik/routers-with-errors.json' } };
    const r = await traefikRouters(api);
    expect(r.subjects?.find((s) => s.subject === 'app@docker')).toMatchObject({
      message: 'app@docker disabled: middleware "auth@myprovider" does not exist',
      evidence: { observed: 'disabled', service: 'app@docker' },
    });
  });
  it('reads every page (X-Next-Page) and judges the routers of all of them', async () => {
    traefik.routes = {
      '/api/http/routers?page=1&per_page=100': {
        file: 'traefik/routers.json',
        headers: { 'x-next-page': '2' },
      },
      '/api/http/routers?page=2&per_page=100': { file: 'traefik/routers-with-errors.json' },
    };
    const r = await traefikRouters(api);
    expect(r.outcome).toBe('fail');
    expect(r.subjects).toHaveLength(4);
    expect(r.subjects?.filter((s) => s.outcome === 'fail').map((s) => s.subject)).toEqual(['app@docker']);
  });
});

describe('traefik.services', () => {
  it('passes when every server is UP (internal services skipped)', async () => {
    traefik.routes = { '/api/http/services': { file: 'traefik/services.json' } };
    const r = await traefikServices(api);
    expect(r.outcome).toBe('pass');
    expect(Object.values(verdicts(r))).toEqual(['pass', 'pass']);
    expect(r.subjects?.some((s) => s.subject.endsWith('@internal'))).toBe(false);
  });
  it('fails naming the server that is DOWN', async () => {
    traefik.routes = { '/api/http/services': { file: 'traefik/services-server-down.json' } };
    const r = await traefikServices(api);
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.find((s) => s.outcome === 'fail')).toMatchObject({
      subject: 'app@docker',
      message: 'app@docker server http://10.0.0.12:8080 DOWN',
    });
  });
  it('is an error on a malformed answer', async () => {
    traefik.routes = { '/api/http/services': { body: '<html>502 Bad Gateway</html>' } };
    const r = await traefikServices(api);
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('answer is not JSON');
  });
});
