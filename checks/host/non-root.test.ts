/**
 * Host probes as a real non-root auditor: a lab sshd whose user has no sudo (its own account, so
 * no other test's sudoers entry applies), listeners owned by that user and by root, a sshd
 * configuration with an Include and a Match block, root-only pidfiles and config files.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import {
  type Daemon,
  freePort,
  labDir,
  portOpen,
  startDaemon,
  waitUntil,
} from '../../fixtures/lab/process.ts';
import { type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { hostProbes } from './probes.ts';
import { parseSshdT } from './sshd.ts';

const USER = 'rsaudit';
const mine = labDir('host-nonroot');
const tag = mine
  .slice(-4)
  .toLowerCase()
  .replace(/[^a-z0-9]/g, 'x');
const DB = `rsdb${tag}`;
const WEB = `rsweb${tag}`;
let lab: SshLab;
let ctx: ReturnType<typeof labContext>;
let web: HostEntry;
const listeners: Daemon[] = [];
const port: Record<string, number> = {};

/** A busybox httpd under its own process name (comm), run as the auditor's user. */
async function listen(name: string, address: string): Promise<number> {
  const p = await freePort(address === '0.0.0.0' ? '127.0.0.1' : address);
  const bin = join(mine, 'bin', name);
  const d = startDaemon(
    'runuser',
    ['-u', USER, '--', 'bash', '-c', `exec -a httpd ${bin} -f -p ${address}:${p} -h ${join(mine, 'www')}`],
    join(mine, `${name}-${p}.log`),
  );
  listeners.push(d);
  await waitUntil(name, () => portOpen(address === '0.0.0.0' ? '127.0.0.1' : address, p), 10_000, d.log);
  return p;
}

const check = (name: string, params: Record<string, unknown>, host = web): Promise<ProbeResult> => {
  const probe = hostProbes.find((p) => p.name === name);
  if (!probe) throw new Error(`no probe ${name}`);
  return probe.run(ctx, host, params as never);
};
const verdicts = (r: ProbeResult) => r.subjects?.map((s) => [s.subject, s.outcome]);

beforeAll(async () => {
  chmodSync(mine, 0o755);
  mkdirSync(join(mine, 'bin'), { mode: 0o755 });
  mkdirSync(join(mine, 'www'), { mode: 0o755 });
  for (const name of [DB, WEB]) copyFileSync('/bin/busybox', join(mine, 'bin', name));
  mkdirSync(join(mine, 'sshd.d'), { mode: 0o755 });
  writeFileSync(
    join(mine, 'sshd.d', '10-hardening.conf'),
    'X11Forwarding no\nMaxAuthTries 3\nPermitRootLogin prohibit-password\n',
  );
  writeFileSync(join(mine, 'sshd.d', '20-late.conf'), 'MaxAuthTries 5\nClientAliveInterval 300\n');
  lab = await startSshLab({
    user: USER,
    prefix: 'host-nonroot-ssh',
    hosts: [
      {
        name: 'web',
        address: '127.0.0.41',
        sshd: [`Include ${mine}/sshd.d/*.conf`],
        configTail: ['Match User backup', '  PasswordAuthentication yes', '  X11Forwarding yes'],
      },
    ],
  });
  // sudo: true on the host, but the account is in no sudoers file: sudo -n is refused.
  [web] = lab.entries({ sudo: true });
  ctx = labContext({ baseDir: mine, inventory: { hosts: [web] }, probes: hostProbes });
  port.db = await listen(DB, '127.0.0.21');
  port.dbWide = await listen(DB, '0.0.0.0');
  port.web = await listen(WEB, '127.0.0.41');
});
afterAll(async () => {
  await ctx?.close();
  await Promise.all([lab?.stop(), ...listeners.map((d) => d.stop())]);
});

describe('host.listening as a non-root auditor', () => {
  it('judges only the scoped process: its loopback socket passes, its wildcard socket fails, naming the process', async () => {
    const r = await check('host.listening', { processes: [DB] });
    expect(verdicts(r)).toEqual([
      [`tcp 0.0.0.0:${port.dbWide}`, 'fail'],
      [`tcp 127.0.0.21:${port.db}`, 'pass'],
    ]);
    expect(r.subjects?.[0].message).toMatch(new RegExp(`held by ${DB} \\(pid \\d+\\).*every address`));
    expect(r.outcome).toBe('fail');
    const allowed = await check('host.listening', { processes: [DB], allowPorts: [port.dbWide] });
    expect(allowed.outcome).toBe('pass');
  });

  it('compares addresses with CIDR ranges: 127.0.0.41 is outside 127.0.0.16/28 and inside 127.0.0.32/27', async () => {
    const outside = await check('host.listening', { ports: [port.web], allowAddresses: ['127.0.0.16/28'] });
    expect(verdicts(outside)).toEqual([[`tcp 127.0.0.41:${port.web}`, 'fail']]);
    const inside = await check('host.listening', { ports: [port.web], allowAddresses: ['127.0.0.32/27'] });
    expect(verdicts(inside)).toEqual([[`tcp 127.0.0.41:${port.web}`, 'pass']]);
    const loopback = await check('host.listening', { ports: [port.web] });
    expect(loopback.outcome).toBe('pass');
  });

  it('is an error, not a guess, for a process whose descriptors it may not read (root’s sshd)', async () => {
    const r = await check('host.listening', { processes: ['sshd'] });
    expect(r.outcome).toBe('error');
    expect(r.subjects).toBeUndefined();
    expect(r.message).toMatch(/cannot read the descriptors of sshd \(pid [\d, ]+\): permission denied/);
  });

  it('still judges root’s socket by port, saying its holder could not be read', async () => {
    const r = await check('host.listening', { ports: [lab.hosts[0].port] });
    expect(verdicts(r)).toEqual([[`tcp 127.0.0.41:${lab.hosts[0].port}`, 'pass']]);
    expect(r.subjects?.[0].evidence.process).toMatch(/could not be read/);
  });
});

describe('host.sshd without root: the configuration files', () => {
  it('agrees with root’s sshd -T, through the Include, ignoring the Match block, and says how it read', async () => {
    const settings = {
      x11forwarding: 'no',
      maxauthtries: '3',
      permitrootlogin: 'prohibit-password',
      passwordauthentication: 'no',
      clientaliveinterval: '300',
    };
    const r = await check('host.sshd', { settings, config: lab.hosts[0].config });
    expect(r.outcome).toBe('pass');
    expect(r.message).toMatch(/read by configuration files/);
    expect(r.evidence.method).toMatch(/sshd -T could not run: exit 1: sudo: a password is required/);
    expect(r.evidence.files).toEqual([
      lab.hosts[0].config,
      join(mine, 'sshd.d/10-hardening.conf'),
      join(mine, 'sshd.d/20-late.conf'),
    ]);
    expect(r.evidence.conditional).toEqual({
      x11forwarding: [expect.stringMatching(/^Match User backup: yes/)],
      passwordauthentication: [expect.stringMatching(/^Match User backup: yes/)],
    });
    const truth = parseSshdT(
      execFileSync('/usr/sbin/sshd', ['-T', '-f', lab.hosts[0].config], { encoding: 'utf8' }),
    );
    for (const key of Object.keys(settings)) expect(r.evidence.observed).toHaveProperty(key, truth[key]);
  });

  it('fails on positive evidence read from the files', async () => {
    const r = await check('host.sshd', { settings: { maxauthtries: '5' }, config: lab.hosts[0].config });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(/maxauthtries is 3, expected 5 \(read by configuration files\)/);
  });

  it('is an error when a file it must read is not readable', async () => {
    const locked = join(mine, 'locked_sshd_config');
    writeFileSync(locked, readFileSync(lab.hosts[0].config));
    chmodSync(locked, 0o600);
    const r = await check('host.sshd', { settings: { x11forwarding: 'no' }, config: locked });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/cannot read .*locked_sshd_config: Permission denied/);
  });
});

describe('host.services without root', () => {
  it('is an error, never "not running", when the pidfile cannot be read; running when it can', async () => {
    const pid = readFileSync(join(lab.dir, 'web', 'sshd.pid'), 'utf8').trim();
    mkdirSync(join(mine, 'private'), { mode: 0o700 });
    writeFileSync(join(mine, 'private', 'sshd.pid'), `${pid}\n`);
    writeFileSync(join(mine, 'root-only.pid'), `${pid}\n`, { mode: 0o600 });
    writeFileSync(join(mine, 'stale.pid'), '999999999\n', { mode: 0o644 });
    const r = await check('host.services', {
      services: [
        { name: 'sshd-in-private-dir', pidfile: join(mine, 'private', 'sshd.pid'), process: 'sshd' },
        { name: 'sshd-root-only-pidfile', pidfile: join(mine, 'root-only.pid'), process: 'sshd' },
        { name: 'sshd-lab-pidfile', pidfile: join(lab.dir, 'web', 'sshd.pid'), process: 'sshd' },
        { name: 'stale', pidfile: join(mine, 'stale.pid') },
        'sshd',
      ],
    });
    expect(verdicts(r)).toEqual([
      ['sshd-in-private-dir', 'error'],
      ['sshd-root-only-pidfile', 'error'],
      ['sshd-lab-pidfile', 'pass'],
      ['stale', 'fail'],
      ['sshd', 'pass'],
    ]);
    expect(r.subjects?.[0].message).toMatch(
      /could not tell whether it runs: cannot read .*sshd.pid: Permission denied/,
    );
    expect(r.subjects?.[3].message).toMatch(/names pid 999999999, which no longer runs/);
    expect(r.outcome).toBe('fail');
  });
});
