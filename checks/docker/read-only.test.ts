/**
 * Read-only, proven: the whole docker catalog audits the lab through a recording proxy in
 * front of each engine, and only GET requests reach the engines.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type DockerLab, startDockerLab } from '../../fixtures/lab/docker-lab.ts';
import { pathShape, type RecordingProxy, startRecordingProxy } from '../../fixtures/lab/docker-proxy.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerTransport } from '../transport/docker.ts';
import { dockerProbes } from './probes.ts';

let lab: DockerLab;
let proxies: RecordingProxy[];

beforeAll(async () => {
  lab = await startDockerLab();
  proxies = await Promise.all(
    [lab.master, lab.lady].map((e) => startRecordingProxy(lab.dir, e.name, e.socket)),
  );
});

afterAll(async () => {
  await Promise.all((proxies ?? []).map((p) => p.close()));
  await lab?.stop();
});

const PARAMS: Record<string, Record<string, unknown>> = {
  'docker.containers': { min: 1 },
  'docker.restarts': { max: 3 },
};

it('sends only GET requests to the engines while auditing every docker control', async () => {
  const hosts: HostEntry[] = proxies.map((p, i) => ({ ...lab.hosts[i], docker: { socket: p.socket } }));
  const ctx = labContext({ baseDir: lab.dir, inventory: { hosts }, probes: dockerProbes });
  const engineProbes = (dockerProbes as AnyProbe[]).filter((p) => p.name.startsWith('docker.'));
  const results = await Promise.all(
    engineProbes.flatMap((p) => hosts.map((h) => p.run(ctx, h, PARAMS[p.name] ?? {}))),
  );
  // The transport's other read calls too: everything our wrapper can send goes through here.
  const engine = dockerTransport(ctx, hosts[0]);
  await Promise.all([engine.version(), engine.info(), engine.df()]);
  await ctx.close();

  expect(results.map((r) => r.outcome)).not.toContain('error');
  const seen = proxies.flatMap((p) => p.requests);
  const byShape = new Map<string, number>();
  for (const r of seen)
    byShape.set(
      `${r.method} ${pathShape(r.path)}`,
      (byShape.get(`${r.method} ${pathShape(r.path)}`) ?? 0) + 1,
    );
  console.log(
    `docker read-only audit: ${results.length} controls, ${seen.length} engine requests:`,
    Object.fromEntries(byShape),
  );

  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((r) => r.method !== 'GET')).toEqual([]);
  expect([...byShape.keys()].sort()).toEqual([
    'GET /containers/json',
    'GET /containers/{id}/json',
    'GET /info',
    'GET /system/df',
    'GET /version',
  ]);
  // One snapshot per host per run: one list, one inspect per container, however many controls.
  expect(byShape.get('GET /containers/json')).toBe(2);
  const containers =
    Number(await lab.master.docker(['ps', '-aq']).then((o) => o.trim().split('\n').length)) +
    Number(await lab.lady.docker(['ps', '-aq']).then((o) => o.trim().split('\n').length));
  expect(byShape.get('GET /containers/{id}/json')).toBe(containers);
});

it('would see a request that changes the engine (the recorder is not blind)', async () => {
  const proxy = proxies[0];
  const before = proxy.requests.length;
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { socketPath: proxy.socket, method: 'POST', path: '/containers/absent-container/stop' },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(404);
  expect(proxy.requests.slice(before)).toEqual([
    { method: 'POST', path: '/containers/absent-container/stop' },
  ]);
});
