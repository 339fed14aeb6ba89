/**
 * Docker over SSH: the engine socket on a lab host is reached through the host's SSH
 * connection (stream-local forward), as the lab user whose group owns the socket. No docker
 * CLI and no command runs on the host for it.
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type DockerEngine, importImage, LAB_IMAGE, startEngine } from '../../fixtures/lab/docker-engine.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { ensureLabUser, LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerProbes } from './probes.ts';

let ssh: SshLab;
let engine: DockerEngine;
let host: HostEntry;
let dir: string;
const probe = (name: string): AnyProbe => dockerProbes.find((p) => p.name === name)!;

beforeAll(async () => {
  ensureLabUser();
  dir = labDir('docker-ssh');
  [ssh, engine] = await Promise.all([
    startSshLab({ hosts: [{ name: 'master', address: '127.0.0.71' }], record: true, prefix: 'docker-ssh' }),
    // The socket's group is the lab user's own group: that user may talk to the engine.
    startEngine({ name: 'master', bridge: 'br-rss', octet: 237, dir, extraArgs: [`--group=${LAB_USER}`] }),
  ]);
  for (const d of [dir, dirname(engine.socket)]) chmodSync(d, 0o755);
  await importImage(engine);
  await engine.docker(['run', '-d', '--name', 'app', '--restart', 'always', '--memory', '32m', LAB_IMAGE]);
  await engine.docker(['run', '-d', '--name', 'open', '-p', '0.0.0.0:8088:8080', LAB_IMAGE]);
  host = ssh.entries({ docker: { viaSsh: true, socket: engine.socket } })[0];
});

afterAll(async () => {
  await engine?.stop();
  await ssh?.stop();
  for (const d of [dir, ssh?.dir]) if (d) rmSync(d, { recursive: true, force: true });
});

it('audits the engine through the SSH connection, running no command on the host', async () => {
  const ctx = labContext({ baseDir: ssh.dir, inventory: { hosts: [host] }, probes: dockerProbes });
  const containers = await probe('docker.containers').run(ctx, host, { expected: ['app', 'open'], count: 2 });
  const ports = await probe('docker.ports').run(ctx, host, {});
  const limits = await probe('docker.limits').run(ctx, host, {});
  await ctx.close();
  expect(containers.outcome, containers.message).toBe('pass');
  expect(containers.evidence.source).toBe(`ssh://master${engine.socket}`);
  expect(ports.outcome).toBe('fail');
  const open = ports.subjects?.find((s) => s.subject === 'open');
  expect(open?.outcome).toBe('fail');
  expect(open?.message).toContain('0.0.0.0:8088->8080/tcp');
  expect(open?.evidence.source).toBe(`ssh://master${engine.socket}`);
  expect(limits.outcome).toBe('fail');
  expect(limits.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
    ['app', 'pass'],
    ['open', 'fail'],
  ]);
  // Every exec passes through the recording ForceCommand: the engine was reached by forwarding only.
  expect(ssh.recorded()).toEqual([]);
});

it('is an error naming the host when the SSH user may not open the socket', async () => {
  chmodSync(engine.socket, 0o600);
  try {
    const ctx = labContext({
      baseDir: ssh.dir,
      inventory: { hosts: [host] },
      probes: dockerProbes,
      options: { timeoutMs: 3_000 },
    });
    const r = await probe('docker.health').run(ctx, host, {});
    await ctx.close();
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(
      /master: docker list containers via ssh:\/\/master.*docker\.sock: .*open failed/,
    );
    expect(r.message).toContain('may the SSH user open the engine socket?');
  } finally {
    chmodSync(engine.socket, 0o660);
  }
});
