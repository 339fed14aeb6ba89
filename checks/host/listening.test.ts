import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { RecordedTransport } from '../../fixtures/lab/recorded-transport.ts';
import { loadPolicy } from '../../policies/load.ts';
import { ProbeRegistry } from '../registry.ts';
import { decodeAddress, listening, listeningRule, parseProcNet, socketViolation } from './listening.ts';
import { listeningParamsProblems } from './params-checks.ts';
import { hostProbes } from './probes.ts';
import { ownersCommand, parseOwners, processPids } from './socket-owners.ts';

const HEAD =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const row = (local: string, remote: string, state: string, inode: number) =>
  `   0: ${local} ${remote} ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0`;

describe('parseProcNet', () => {
  it.each([
    ['00000000', '0.0.0.0'],
    ['0100007F', '127.0.0.1'],
    ['1500007F', '127.0.0.21'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000001000000', '::1'],
    ['0000000000000000FFFF00000100007F', '::ffff:7f00:1'],
  ])('decodes %s as %s', (hex, address) => expect(decodeAddress(hex)).toBe(address));

  it('keeps listening TCP and unconnected UDP sockets, with their inodes', () => {
    const tcp = [
      HEAD,
      row('00000000:0016', '00000000:0000', '0A', 101),
      row('0100007F:93AB', '0100007F:A630', '01', 0),
    ];
    const udp = [
      HEAD,
      row('00000000:0044', '00000000:0000', '07', 202),
      row('0100007F:0035', '0200007F:0035', '01', 203),
    ];
    expect(parseProcNet(tcp.join('\n'), 'tcp')).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 22, inode: 101 },
    ]);
    expect(parseProcNet(udp.join('\n'), 'udp')).toEqual([
      { protocol: 'udp', address: '0.0.0.0', port: 68, inode: 202 },
    ]);
  });

  it.each([
    ['', /no header/],
    ['garbage\n1 2 3 4', /no header/],
    [`${HEAD}\n   0: zz:0016 00000000:0000 0A`, /unparseable row/],
  ])('refuses a table that is not one: %j', (text, message) => {
    expect(() => parseProcNet(text, 'tcp')).toThrow(message);
  });
});

describe('socketViolation: addresses compared as addresses', () => {
  it.each([
    [{}, '127.0.0.1', 3306, null],
    [{}, '127.0.0.21', 3306, null],
    [{}, '::1', 53, null],
    [{}, '::ffff:127.0.0.1', 53, null],
    [{}, '0.0.0.0', 3306, /every address/],
    [{}, '::', 3306, /every address/],
    [{}, '10.0.0.5', 5432, /10\.0\.0\.5/],
    [{ allowPorts: [22] }, '0.0.0.0', 22, null],
    [{ allowAddresses: ['10.0.0.0/8'] }, '10.20.30.40', 5432, null],
    [{ allowAddresses: ['10.0.0.0/8'] }, '127.0.0.1', 5432, /outside 10\.0\.0\.0\/8/],
    [{ allowAddresses: ['loopback', 'private'] }, '192.168.1.9', 9100, null],
    [{ allowAddresses: ['loopback', 'private'] }, '203.0.113.7', 9100, /203\.0\.113\.7/],
    [{ allowAddresses: ['fd00::/8'] }, 'fd12::1', 80, null],
    [{ allowAddresses: ['127.0.0.16/28'] }, '127.0.0.41', 80, /127\.0\.0\.41/],
  ])('%j: %s:%s → %s', (params, address, port, violation) => {
    const v = socketViolation({ address, port }, listeningRule(params));
    if (violation === null) expect(v).toBeNull();
    else expect(v).toMatch(violation);
  });

  it('refuses an unparseable range at load, naming it', () => {
    expect(listeningParamsProblems({ allowAddresses: ['127.0.0.0/8', '10.0.0/8', 'lan'] })).toEqual([
      { path: '/allowAddresses/1', message: expect.stringMatching(/10\.0\.0\/8/) },
      { path: '/allowAddresses/2', message: expect.stringMatching(/"lan"/) },
    ]);
  });
});

describe('host.listening params when the policy loads', () => {
  it('refuses an unparseable address before any connection, naming the control, file and JSON path', async () => {
    const dir = labDir('listening-policy');
    writeFileSync(
      join(dir, 'policy.yaml'),
      [
        'inventory: { hosts: [{ name: db1, transport: local }] }',
        'controls:',
        '  - { id: SEC-NET-009, title: MariaDB on loopback, category: security, severity: high, check: host.listening,',
        '      params: { processes: [mariadbd], allowAddresses: [loopback, "10.0.0/8"] } }',
        '',
      ].join('\n'),
    );
    const error = await loadPolicy(dir, {
      registry: new ProbeRegistry(hostProbes),
      today: '2026-12-02',
    }).catch((e) => e);
    expect(String(error?.message)).toMatch(
      /policy\.yaml \/controls\/0\/params\/allowAddresses\/1: control SEC-NET-009: "10\.0\.0\/8" is not an address range/,
    );
  });
});

describe('socket owners', () => {
  const text =
    'p 1 init\np 812 mariadbd\np 900 nginx\np 901 nginx\ns 812/fd socket:[55]\ns 900/fd socket:[66]\ns 901/fd socket:[66]\nd 1\nmapped\n';
  it('maps inodes to pids and names the processes whose descriptors are hidden', () => {
    const o = parseOwners(text);
    expect(o.byInode.get(66)).toEqual([900, 901]);
    expect(processPids(o, 'mariadbd')).toEqual({ pids: [812] });
    expect(processPids(o, 'init')).toEqual({
      error: expect.stringMatching(/init \(pid 1\): permission denied/),
    });
    expect(processPids(parseOwners('p 5 x\nhidden\nmapped\n'), 'x')).toEqual({
      error: expect.stringMatching(/hidepid/),
    });
    expect(processPids(parseOwners('p 5 x\n'), 'x')).toEqual({ error: expect.stringMatching(/GNU find/) });
  });
  it.each(['', 'p x y\n', 'hello\nmapped'])('refuses an answer that is not a listing: %j', (t) => {
    expect(() => parseOwners(t)).toThrow();
  });
});

describe('host.listening subjects and scope (recorded tables)', () => {
  const tcp = [
    HEAD,
    row('00000000:0016', '00000000:0000', '0A', 10),
    row('1500007F:0CEA', '00000000:0000', '0A', 55),
    row('00000000:0CEA', '00000000:0000', '0A', 56),
    row('0100007F:1F90', '00000000:0000', '0A', 66),
  ].join('\n');
  const udp6 = [
    HEAD,
    row('00000000000000000000000001000000:0035', '00000000000000000000000000000000:0000', '07', 77),
  ].join('\n');
  const owners =
    'p 1 sshd\np 812 mariadbd\np 900 nginx\ns 1/fd socket:[10]\ns 812/fd socket:[55]\ns 812/fd socket:[56]\ns 900/fd socket:[66]\nmapped\n';
  const host = (ownersAnswer: object = { stdout: owners }) =>
    new RecordedTransport('db1', {
      'cat /proc/net/tcp': { stdout: tcp },
      'cat /proc/net/tcp6': { stdout: HEAD },
      'cat /proc/net/udp': { stdout: HEAD },
      'cat /proc/net/udp6': { stdout: udp6 },
      [ownersCommand.script]: ownersAnswer,
    });

  it('judges one subject per socket, named as people name sockets, with the process holding it', async () => {
    const r = await listening(host(), { allowPorts: [22] });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['tcp 0.0.0.0:22', 'pass'],
      ['tcp 0.0.0.0:3306', 'fail'],
      ['tcp 127.0.0.1:8080', 'pass'],
      ['tcp 127.0.0.21:3306', 'pass'],
      ['udp [::1]:53', 'pass'],
    ]);
    expect(r.subjects?.[1].message).toMatch(/mariadbd \(pid 812\).*every address/);
    expect(r.outcome).toBe('fail');
  });

  it('judges only the scoped process, port or protocol', async () => {
    const db = await listening(host(), { processes: ['mariadbd'] });
    expect(db.subjects?.map((s) => s.subject)).toEqual(['tcp 0.0.0.0:3306', 'tcp 127.0.0.21:3306']);
    const web = await listening(host(), { processes: ['nginx'] });
    expect([web.outcome, web.subjects?.map((s) => s.subject)]).toEqual(['pass', ['tcp 127.0.0.1:8080']]);
    const port = await listening(host(), { ports: [53], protocols: ['udp'] });
    expect(port.subjects?.map((s) => s.subject)).toEqual(['udp [::1]:53']);
    const none = await listening(host(), { processes: ['postgres'] });
    expect([none.outcome, none.message]).toEqual(['not-applicable', 'db1: no process named postgres runs']);
  });

  it('is an error, never a guess, when the scoped process cannot be read', async () => {
    const denied = await listening(host({ stdout: 'p 812 mariadbd\nd 812\nmapped\n' }), {
      processes: ['mariadbd'],
    });
    expect([denied.outcome, denied.subjects]).toEqual(['error', undefined]);
    expect(denied.message).toMatch(/mariadbd \(pid 812\): permission denied/);
    const broken = await listening(host({ exitCode: 1, stderr: "sh: 1: cd: can't cd to /proc" }), {
      processes: ['mariadbd'],
    });
    expect(broken.outcome).toBe('error');
    expect(broken.message).toMatch(/process table not readable/);
    // Without a process scope the sockets are still judged; the owner is said to be unknown.
    const unscoped = await listening(host({ exitCode: 1, stderr: 'x' }), {});
    expect(unscoped.subjects?.[0].evidence.process).toMatch(/not readable/);
  });

  it('judges a container scope by the engine’s published ports, binding included when no socket listens', async () => {
    const published = async () => [
      { container: 'db', protocol: 'tcp' as const, hostIp: '127.0.0.21', hostPort: 3306 },
      { container: 'db', protocol: 'tcp' as const, hostIp: '', hostPort: 9104 },
    ];
    const r = await listening(host(), { containers: ['db'] }, published);
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['tcp 0.0.0.0:3306', 'fail'],
      ['tcp 0.0.0.0:9104', 'fail'],
      ['tcp 127.0.0.21:3306', 'pass'],
    ]);
    expect(r.subjects?.[1].evidence.source).toMatch(/docker engine/);
  });
});
