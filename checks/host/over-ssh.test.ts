/** Every host probe, unchanged, over real sshd (the lab user, with and without sudo -n). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type Fail2banLab, startFail2ban } from '../../fixtures/lab/fail2ban-lab.ts';
import { type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { hostProbes } from './probes.ts';
import { judgeAdjtimex } from './time-sync.ts';

let lab: SshLab;
let f2b: Fail2banLab;
let ctx: ReturnType<typeof labContext>;
let withSudo: HostEntry;
let noSudo: HostEntry;

const check = (name: string, host: HostEntry, params: Record<string, unknown>): Promise<ProbeResult> => {
  const probe = hostProbes.find((p) => p.name === name);
  if (!probe) throw new Error(`no probe ${name}`);
  return probe.run(ctx, host, params as never);
};

/** The summary, then one `subject: outcome: message` line per subject. */
const said = (r: ProbeResult) =>
  [r.message, ...(r.subjects ?? []).map((s) => `${s.subject}: ${s.outcome}: ${s.message}`)].join('\n');

beforeAll(async () => {
  [lab, f2b] = await Promise.all([
    startSshLab({
      hosts: [
        { name: 'master', address: '127.0.0.31' },
        { name: 'lady', address: '127.0.0.32' },
      ],
      sudo: true,
      prefix: 'ssh-probes',
    }),
    startFail2ban(['sshd', 'nginx-http-auth']),
  ]);
  const [m, l] = lab.entries();
  withSudo = { ...m, sudo: true };
  noSudo = { ...l, name: 'lady' };
  ctx = labContext({ baseDir: lab.dir, inventory: { hosts: [withSudo, noSudo] }, probes: hostProbes });
});
afterAll(async () => {
  await ctx?.close();
  await Promise.all([lab?.stop(), f2b?.stop()]);
});

describe('host probes over SSH', () => {
  it.each([
    [
      'host.sshd',
      () => withSudo,
      () => ({
        settings: { permitrootlogin: 'no', passwordauthentication: 'no' },
        config: lab.hosts[0].config,
      }),
      'pass',
      /sshd settings as expected/,
    ],
    [
      'host.sshd',
      () => withSudo,
      () => ({
        settings: { permitrootlogin: 'yes', pubkeyauthentication: 'yes' },
        config: lab.hosts[0].config,
      }),
      'fail',
      /permitrootlogin is no, expected yes/,
    ],
    [
      'host.sshd',
      () => noSudo,
      () => ({ settings: { permitrootlogin: 'no' }, config: lab.hosts[1].config }),
      'pass',
      /read by configuration files/,
    ],
    [
      'host.fail2ban',
      () => withSudo,
      () => ({ jails: ['sshd', 'nginx-http-auth'], socket: f2b.socket }),
      'pass',
      /sshd: pass: sshd: jail is running\nnginx-http-auth: pass/,
    ],
    [
      'host.fail2ban',
      () => withSudo,
      () => ({ jails: ['sshd', 'postfix'], socket: f2b.socket }),
      'fail',
      /postfix: fail: postfix: no such jail running/,
    ],
    [
      'host.fail2ban',
      () => withSudo,
      () => ({ jails: ['sshd'], socket: join(f2b.dir, 'absent.sock') }),
      'fail',
      /sshd: fail: sshd: fail2ban is not running/,
    ],
    ['host.fail2ban', () => noSudo, () => ({ jails: ['sshd'], socket: f2b.socket }), 'error', /permission/i],
    [
      'host.services',
      () => noSudo,
      () => ({
        services: [{ name: 'sshd', pidfile: join(lab.dir, 'lady', 'sshd.pid'), process: 'sshd' }, 'sshd'],
      }),
      'pass',
      /2 of 2 services pass[\s\S]*sshd: pass: sshd is running \(pid \d+ sshd, from/,
    ],
    [
      'host.services',
      () => noSudo,
      () => ({ services: [{ name: 'ghost', pidfile: join(lab.dir, 'none.pid') }, 'readyspec-none'] }),
      'fail',
      /ghost: fail: ghost is not running: .*none.pid does not exist and no process named ghost\nreadyspec-none: fail: readyspec-none is not running: no process named readyspec-none/,
    ],
    [
      'host.oom-kills',
      () => noSudo,
      () => ({ hours: 24 }),
      'error',
      /neither the kernel journal nor dmesg is readable/,
    ],
    ['host.memory', () => noSudo, () => ({ maxPercent: 100 }), 'pass', /memory .*% in use/],
    ['host.memory', () => noSudo, () => ({ maxPercent: 0 }), 'fail', /memory .*% in use/],
    ['host.load', () => noSudo, () => ({ maxPerCore: 1000 }), 'pass', /per core/],
    [
      'host.disk',
      () => noSudo,
      () => ({ maxPercent: 100 }),
      'pass',
      /mounts pass\n\/: pass: \/ is [\d.]+% full/,
    ],
    [
      'host.file-mode',
      () => noSudo,
      () => ({ path: '/etc/shadow', maxMode: '640', owner: 'root' }),
      'pass',
      /shadow/,
    ],
    ['host.file-mode', () => noSudo, () => ({ path: '/etc/passwd', maxMode: '600' }), 'fail', /grants 044/],
    ['host.file-age', () => noSudo, () => ({ path: '/etc/passwd', maxAgeHours: 1e9 }), 'pass', /newest file/],
  ])('%s (case %#)', async (name, host, params, outcome, message) => {
    const r = await check(name, host(), params());
    expect(said(r)).toMatch(message);
    expect(r.outcome).toBe(outcome);
  });

  it('reads OOM kills from dmesg with sudo -n (the kernel log is root-only here)', async () => {
    const r = await check('host.oom-kills', withSudo, { hours: 24 });
    expect(['pass', 'fail']).toContain(r.outcome);
    expect(r.evidence.source).toMatch(/master:(dmesg|journalctl)/);
  });

  it('judges time sync from what the host can tell, agreeing with a direct kernel read', async () => {
    const r = await check('host.time-sync', noSudo, {});
    const direct = judgeAdjtimex(execFileSync('busybox', ['adjtimex']).toString());
    expect(r.outcome).toBe(direct?.synced ? 'pass' : 'fail');
    expect(r.evidence.source).toBe('lady:busybox adjtimex');
  });

  it('gives the same listening verdict over SSH as locally', async () => {
    // Scoped to the lab's own sshd ports: other tests open and close sockets meanwhile.
    const params = { ports: lab.hosts.map((h) => h.port), allowAddresses: ['127.0.0.31/32'] };
    const [remote, local] = await Promise.all([
      check('host.listening', noSudo, params),
      hostProbes
        .find((p) => p.name === 'host.listening')
        ?.run(ctx, { name: 'local', transport: 'local' }, params as never),
    ]);
    const names = (r?: ProbeResult) => r?.subjects?.map((s) => `${s.subject} ${s.outcome}`);
    expect(names(remote)).toEqual(names(local));
    expect(names(remote)).toEqual([
      `tcp 127.0.0.31:${lab.hosts[0].port} pass`,
      `tcp 127.0.0.32:${lab.hosts[1].port} fail`,
    ]);
  });

  it('reaches a host through a jump host (inventory `jump`), and not when the jump host is down', async () => {
    const [m, l] = lab.entries();
    const viaMaster = { ...l, name: 'lady-via-master', jump: 'master' };
    const jctx = labContext({ baseDir: lab.dir, inventory: { hosts: [m, viaMaster] }, probes: hostProbes });
    try {
      const r = await hostProbes
        .find((p) => p.name === 'host.memory')
        ?.run(jctx, viaMaster, { maxPercent: 100 } as never);
      expect(r?.outcome).toBe('pass');
    } finally {
      await jctx.close();
    }
    await lab.kill('master');
    const down = labContext({
      baseDir: lab.dir,
      inventory: { hosts: [m, viaMaster] },
      probes: hostProbes,
      options: { timeoutMs: 2000 },
    });
    try {
      const r = await hostProbes
        .find((p) => p.name === 'host.memory')
        ?.run(down, viaMaster, { maxPercent: 100 } as never);
      expect(r?.outcome).toBe('error');
      expect(r?.message).toMatch(/master/);
    } finally {
      await down.close();
      await lab.restart('master');
    }
  });

  it('follows ProxyJump from an ssh config file', async () => {
    const [m, l] = lab.hosts;
    const config = join(lab.dir, 'jump_config');
    writeFileSync(
      config,
      `Host lady\n  HostName ${l.address}\n  Port ${l.port}\n  User rslab\n  ProxyJump rslab@${m.address}:${m.port}\n`,
    );
    const entry: HostEntry = {
      name: 'lady',
      address: 'lady',
      sshConfig: config,
      identityFile: lab.identityFile,
      knownHosts: lab.knownHosts,
    };
    const jctx = labContext({ baseDir: lab.dir, inventory: { hosts: [entry] }, probes: hostProbes });
    try {
      const r = await hostProbes
        .find((p) => p.name === 'host.load')
        ?.run(jctx, entry, { maxPerCore: 1000 } as never);
      expect(r?.outcome).toBe('pass');
    } finally {
      await jctx.close();
    }
  });

  it('runs sshd -T locally as root without sudo', async () => {
    const r = await check(
      'host.sshd',
      { name: 'local', transport: 'local' },
      { settings: { passwordauthentication: 'no' }, config: lab.hosts[0].config },
    );
    expect(r.outcome).toBe('pass');
  });
});
