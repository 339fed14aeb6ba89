/**
 * host.listening scoped to a container, against a real dockerd: the ports a container
 * publishes come from the engine, and since this engine's proxies listen in its own network
 * namespace (no socket in this one), each published binding is judged as the engine reports it.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type DockerEngine, importImage, LAB_IMAGE, startEngine } from '../../fixtures/lab/docker-engine.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { hostProbes } from './probes.ts';

let engine: DockerEngine;
let ctx: ReturnType<typeof labContext>;
let host: HostEntry;
const dir = labDir('host-containers');

beforeAll(async () => {
  engine = await startEngine({ name: 'hostscope', bridge: 'br-rsh', octet: 243, dir });
  await importImage(engine);
  await engine.docker([
    'run',
    '-d',
    '--name',
    'db',
    '-p',
    '127.0.0.1:13306:8080',
    '-p',
    '0.0.0.0:19104:8080',
    LAB_IMAGE,
  ]);
  await engine.docker(['run', '-d', '--name', 'web', '-p', '127.0.0.1:18080:8080', LAB_IMAGE]);
  host = { name: 'dk', transport: 'local', docker: { socket: engine.socket } };
  ctx = labContext({ baseDir: dir, inventory: { hosts: [host] }, probes: hostProbes });
});
afterAll(async () => {
  await ctx?.close();
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const listening = (params: Record<string, unknown>, h = host): Promise<ProbeResult> => {
  const probe = hostProbes.find((p) => p.name === 'host.listening');
  if (!probe) throw new Error('no host.listening');
  return probe.run(ctx, h, params as never);
};

describe('host.listening scoped to containers (real engine)', () => {
  it('judges only the named container’s published ports', async () => {
    const r = await listening({ containers: ['db'] });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['tcp 0.0.0.0:19104', 'fail'],
      ['tcp 127.0.0.1:13306', 'pass'],
    ]);
    expect(r.subjects?.[0].message).toMatch(/published by db.*every address/);
    expect(r.subjects?.[0].evidence.source).toMatch(/docker engine port bindings/);
    const web = await listening({ containers: ['web'] });
    expect([web.outcome, web.subjects?.map((s) => s.subject)]).toEqual(['pass', ['tcp 127.0.0.1:18080']]);
  });

  it('is an error naming the container when the engine has none of that name, or no engine is configured', async () => {
    const missing = await listening({ containers: ['ghost'] });
    expect([missing.outcome, missing.subjects]).toEqual(['error', undefined]);
    expect(missing.message).toMatch(/no container named ghost \(the engine has db, web\)/);
    const noEngine = await listening({ containers: ['db'] }, { name: 'plain', transport: 'local' });
    expect(noEngine.outcome).toBe('error');
    expect(noEngine.message).toMatch(/no docker endpoint/);
  });
});
