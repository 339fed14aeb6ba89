// Traefik probes against Traefik's own API golden files and documented runtime fields (fixtures/recorded/traefik).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedServer, startRecordedServer } from '../../fixtures/lab/recorded-server.ts';
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

describe('traefik.routers', () => {
  it.each([
    ['routers.json', {}, 'pass', '2 HTTP routers enabled without errors'],
    ['routers.json', { names: ['bar@myprovider', 'api@internal'] }, 'fail', 'router api@internal missing'],
    [
      'routers-with-errors.json',
      {},
      'fail',
      'app@docker disabled: middleware "auth@myprovider" does not exist',
    ],
  ])('%s %j → %s', async (file, params, outcome, message) => {
    traefik.routes = { '/api/http/routers': { file: `traefik/${file}` } };
    const r = await traefikRouters(api, params);
    expect(r).toMatchObject({ outcome, message });
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
    expect(r.evidence.observed).toMatchObject({
      routers: 4,
      broken: [{ name: 'app@docker', status: 'disabled' }],
    });
  });
});

describe('traefik.services', () => {
  it('passes when every server is UP (internal services skipped)', async () => {
    traefik.routes = { '/api/http/services': { file: 'traefik/services.json' } };
    expect(await traefikServices(api)).toMatchObject({
      outcome: 'pass',
      message: '2 HTTP services, all 2 servers UP',
    });
  });
  it('fails naming the server that is DOWN', async () => {
    traefik.routes = { '/api/http/services': { file: 'traefik/services-server-down.json' } };
    const r = await traefikServices(api);
    expect(r).toMatchObject({ outcome: 'fail', message: 'app@docker server http://10.0.0.12:8080 DOWN' });
  });
  it('is an error on a malformed answer', async () => {
    traefik.routes = { '/api/http/services': { body: '<html>502 Bad Gateway</html>' } };
    const r = await traefikServices(api);
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('answer is not JSON');
  });
});
