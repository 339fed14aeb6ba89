import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerEngine, importImage, LAB_IMAGE, startEngine } from '../../fixtures/lab/docker-engine.ts';
import { makeDockerTls } from '../../fixtures/lab/docker-tls.ts';
import { freePort, labDir } from '../../fixtures/lab/process.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { CommandTransport } from './command.ts';
import { TransportError } from './command.ts';
import { createDockerTransport, DockerApiError } from './docker.ts';
import type { ConnectDeps } from './docker-connect.ts';

const noCommands = (): CommandTransport => {
  throw new Error('no command transport in this test');
};
const deps = (over: Partial<ConnectDeps> = {}): ConnectDeps => ({
  timeoutMs: 5_000,
  resolvePath: (p) => p,
  commands: noCommands,
  isLocal: true,
  ...over,
});

let dir: string;
let engine: DockerEngine;
let tlsEngine: DockerEngine;
let tls: Awaited<ReturnType<typeof makeDockerTls>>;
let tlsPort: number;
let hangServer: Server;
const hangSocket = () => join(dir, 'hang.sock');

beforeAll(async () => {
  dir = labDir('docker-transport');
  tls = await makeDockerTls(dir);
  tlsPort = await freePort();
  const tlsArgs = [
    `-H=tcp://127.0.0.1:${tlsPort}`,
    '--tlsverify',
    `--tlscacert=${tls.ca}`,
    `--tlscert=${tls.serverCert}`,
    `--tlskey=${tls.serverKey}`,
  ];
  [engine, tlsEngine] = await Promise.all([
    startEngine({ name: 'unixhost', bridge: 'br-rst', octet: 233, dir }),
    startEngine({
      name: 'tlshost',
      bridge: 'none',
      octet: 234,
      dir,
      rootNamespace: true,
      extraArgs: tlsArgs,
    }),
  ]);
  await importImage(engine);
  await engine.docker(['create', '--name', 'one', LAB_IMAGE]);
  // An engine that accepts connections and never answers: the timeout must end the call.
  hangServer = createServer(() => {}).listen(hangSocket());
});

afterAll(async () => {
  hangServer?.close();
  await Promise.all([engine?.stop(), tlsEngine?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const unixHost = (socket: string): HostEntry => ({
  name: 'unixhost',
  transport: 'local',
  docker: { socket },
});

describe('docker transport over a Unix socket', () => {
  it('reads version, info, containers, inspect and df', async () => {
    const t = createDockerTransport(unixHost(engine.socket), deps());
    const [version, info, list, df] = await Promise.all([t.version(), t.info(), t.listContainers(), t.df()]);
    expect(version.ApiVersion).toMatch(/^1\.\d+$/);
    expect(info.Containers).toBe(1);
    expect(list.map((c) => c.Names[0])).toEqual(['/one']);
    expect((await t.inspectContainer(list[0].Id)).Name).toBe('/one');
    expect(df).toHaveProperty('Containers');
    expect(t.endpoint).toBe(`unix://${engine.socket}`);
    await t.close();
  });

  it('exposes nothing but the five read calls', () => {
    const t = createDockerTransport(unixHost(engine.socket), deps());
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(t)).sort();
    expect(methods).toEqual([
      'close',
      'constructor',
      'df',
      'endpoint',
      'info',
      'inspectContainer',
      'listContainers',
      'version',
    ]);
    expect(Object.keys(t).sort()).toEqual(['host', 'timeoutMs']);
  });

  it('turns an engine HTTP error into a DockerApiError with its status', async () => {
    const t = createDockerTransport(unixHost(engine.socket), deps());
    const err = await t.inspectContainer('does-not-exist').catch((e) => e);
    expect(err).toBeInstanceOf(DockerApiError);
    expect(err.statusCode).toBe(404);
    expect(err.message).toContain('unixhost: docker inspect does-not-exi via');
  });

  it.each([
    ['a missing socket', () => join(dir, 'absent.sock'), /ENOENT/],
    ['an engine that never answers', hangSocket, /no answer after 300 ms/],
  ])('fails with a TransportError on %s', async (_, socket, message) => {
    const t = createDockerTransport(unixHost(socket()), deps({ timeoutMs: 300 }));
    const started = Date.now();
    const err = await t.listContainers().catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(3_000);
    await t.close();
  });
});

describe('docker transport over TCP with mutual TLS', () => {
  const tlsHost = (docker: HostEntry['docker']): HostEntry => ({
    name: 'tlshost',
    transport: 'local',
    docker,
  });

  it('lists containers when CA, certificate and key are given', async () => {
    const t = createDockerTransport(
      tlsHost({ url: `https://127.0.0.1:${tlsPort}`, ca: tls.ca, cert: tls.clientCert, key: tls.clientKey }),
      deps(),
    );
    expect(await t.listContainers()).toEqual([]);
    expect(t.endpoint).toBe(`https://127.0.0.1:${tlsPort}`);
    await t.close();
  });

  it.each([
    ['without a client certificate', { ca: 'ca' }],
    ['trusting the wrong CA', { ca: 'serverCert', cert: 'clientCert', key: 'clientKey' }],
  ] as const)('is an error %s', async (_, files) => {
    const pick = (k?: keyof typeof tls) => (k ? tls[k] : undefined);
    const f = files as Partial<Record<'ca' | 'cert' | 'key', keyof typeof tls>>;
    const t = createDockerTransport(
      tlsHost({ url: `tcp://127.0.0.1:${tlsPort}`, ca: pick(f.ca), cert: pick(f.cert), key: pick(f.key) }),
      deps(),
    );
    await expect(t.version()).rejects.toBeInstanceOf(TransportError);
    await t.close();
  });

  it('names an unreadable certificate file', () => {
    expect(() =>
      createDockerTransport(
        tlsHost({ url: `https://127.0.0.1:${tlsPort}`, ca: '/nonexistent/ca.pem' }),
        deps(),
      ),
    ).toThrow(/cannot read docker CA file \/nonexistent\/ca.pem/);
  });
});

describe('docker transport through a host stream (the viaSsh plumbing)', () => {
  it('sends its requests over the streams the host transport opens', async () => {
    const opened: string[] = [];
    const commands = {
      host: 'remote',
      run: async () => {
        throw new Error('not used');
      },
      openUnixSocket: async (path: string) => {
        opened.push(path);
        return createConnection(engine.socket);
      },
      close: async () => {},
    } satisfies CommandTransport;
    const host: HostEntry = {
      name: 'remote',
      address: '127.0.0.1',
      docker: { viaSsh: true, socket: '/run/remote.sock' },
    };
    const t = createDockerTransport(host, deps({ isLocal: false, commands: () => commands }));
    expect((await t.listContainers()).length).toBe(1);
    expect(opened[0]).toBe('/run/remote.sock');
    expect(t.endpoint).toBe('ssh://remote/run/remote.sock');
    await t.close();
  });

  it('is an error when the host transport cannot forward', async () => {
    const commands: CommandTransport = {
      host: 'remote',
      run: async () => ({ exitCode: 0, stdout: '', stderr: '', durationMs: 0 }),
      close: async () => {},
    };
    const host: HostEntry = { name: 'remote', address: '127.0.0.1', docker: { viaSsh: true } };
    const t = createDockerTransport(host, deps({ isLocal: false, commands: () => commands }));
    await expect(t.info()).rejects.toThrow(/cannot forward to \/var\/run\/docker.sock/);
  });
});
