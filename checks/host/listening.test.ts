import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../fixtures/lab/process.ts';
import { LocalTransport } from '../transport/local.ts';
import { decodeAddress, exposedSockets, listening, parseProcNet } from './listening.ts';

const local = new LocalTransport('local', { timeoutMs: 5000 });

describe('parseProcNet', () => {
  it.each([
    ['00000000', '0.0.0.0'],
    ['0100007F', '127.0.0.1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000001000000', '::1'],
    ['0000000000000000FFFF00000100007F', '::ffff:7f00:1'],
  ])('decodes %s as %s', (hex, address) => expect(decodeAddress(hex)).toBe(address));

  it('keeps listening TCP and unconnected UDP sockets only', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1',
      '   1: 0100007F:93AB 0100007F:A630 01 00000000:00000000 03:0000166C 00000000     0        0 0 3',
    ].join('\n');
    const udp = [
      '  sl  local_address rem_address   st',
      '  1: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 1 2',
      '  2: 0100007F:0035 0200007F:0035 01 00000000:00000000 00:00000000 00000000 0 0 1 2',
    ].join('\n');
    expect(parseProcNet(tcp, 'tcp')).toEqual([{ protocol: 'tcp', address: '0.0.0.0', port: 22 }]);
    expect(parseProcNet(udp, 'udp')).toEqual([{ protocol: 'udp', address: '0.0.0.0', port: 68 }]);
  });

  it.each([
    [{ allowPorts: [] }, ['0.0.0.0:22', '::443', '10.0.0.5:5432', '127.0.0.1:9090'], ['0.0.0.0:22', '::443']],
    [{ allowPorts: [22, 443] }, ['0.0.0.0:22', '::443', '10.0.0.5:5432'], []],
    [
      { allowPorts: [22], allowAddresses: ['10.0.0.5'] },
      ['0.0.0.0:22', '10.0.0.5:5432', '192.0.2.2:80'],
      ['192.0.2.2:80'],
    ],
  ])('judges %j', (params, binds, exposed) => {
    const sockets = binds.map((b) => {
      const i = b.lastIndexOf(b.startsWith('::') ? '' : ':');
      return b.startsWith('::')
        ? { protocol: 'tcp' as const, address: '::', port: Number(b.slice(2)) }
        : { protocol: 'tcp' as const, address: b.slice(0, i), port: Number(b.slice(i + 1)) };
    });
    const got = exposedSockets(sockets, params).map((s) =>
      s.address === '::' ? `::${s.port}` : `${s.address}:${s.port}`,
    );
    expect(got).toEqual(exposed);
  });
});

describe('host.listening on this machine', () => {
  const servers: Server[] = [];
  let wide = 0;
  let narrow = 0;
  const listen = (port: number, host: string) =>
    new Promise<void>((r) => {
      const s = createServer();
      servers.push(s);
      s.listen(port, host, () => r());
    });

  beforeAll(async () => {
    wide = await freePort('0.0.0.0');
    narrow = await freePort('127.0.0.1');
    await listen(wide, '0.0.0.0');
    await listen(narrow, '127.0.0.1');
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('fails on our 0.0.0.0 listener and names it, ignoring the loopback one', async () => {
    const r = await listening(local, { allowPorts: [] });
    expect(r.outcome).toBe('fail');
    expect(r.evidence.observed).toContain(`tcp 0.0.0.0:${wide}`);
    expect(JSON.stringify(r.evidence.observed)).not.toContain(`:${narrow}"`);
  });

  it('passes once every wildcard port is on the allowlist', async () => {
    const first = await listening(local, { allowPorts: [] });
    const ports = (first.evidence.observed as string[]).map((s) => Number(s.split(':').pop()));
    const r = await listening(local, { allowPorts: ports });
    expect(r.outcome).toBe('pass');
    expect(ports).toContain(wide);
  });
});
