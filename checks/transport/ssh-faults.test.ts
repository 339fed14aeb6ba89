/**
 * Fault cases over real sshd: in each, the run completes, the affected host's controls are
 * `error` with the cause, and the other host is still graded.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import { type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import { hostProbes } from '../host/probes.ts';
import type { ProbeResult } from '../probe.ts';

let lab: SshLab;
const probe = (name: string) => hostProbes.find((p) => p.name === name) as (typeof hostProbes)[number];
const controls: [string, Record<string, unknown>][] = [
  ['host.memory', { maxPercent: 100 }],
  ['host.disk', { maxPercent: 100, mounts: ['/'] }],
  ['host.file-mode', { path: '/etc/passwd', maxMode: '644' }],
  ['host.load', { maxPerCore: 1000 }],
];

/** Runs every control on every host as the audit does (concurrently, one context). */
async function audit(hosts: HostEntry[], timeoutMs = 3000): Promise<Record<string, ProbeResult[]>> {
  const ctx = labContext({
    baseDir: lab.dir,
    inventory: { hosts },
    probes: hostProbes,
    options: { timeoutMs },
  });
  try {
    const rows = await Promise.all(
      hosts.map(
        async (h) =>
          [
            h.name,
            await Promise.all(controls.map(([check, params]) => probe(check).run(ctx, h, params as never))),
          ] as const,
      ),
    );
    return Object.fromEntries(rows);
  } finally {
    await ctx.close();
  }
}

beforeAll(async () => {
  lab = await startSshLab({
    hosts: [
      { name: 'master', address: '127.0.0.31' },
      { name: 'lady', address: '127.0.0.32' },
    ],
    prefix: 'ssh-faults',
  });
});
afterAll(() => lab?.stop());

const outcomes = (rs: ProbeResult[]) => rs.map((r) => r.outcome);

describe('SSH faults', () => {
  it('both hosts are graded when nothing is wrong', async () => {
    const r = await audit(lab.entries());
    expect(outcomes(r.master)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(outcomes(r.lady)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('changed host key: error naming the host and the offered SHA256 fingerprint', async () => {
    const wrong = join(lab.dir, 'known_hosts_wrong');
    const lady = lab.hosts[1];
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(lab.dir, 'other_key')]);
    const other = execFileSync('cat', [join(lab.dir, 'other_key.pub')])
      .toString()
      .split(' ')
      .slice(0, 2)
      .join(' ');
    execFileSync('sh', ['-c', `printf '%s\\n' "[${lady.address}]:${lady.port} ${other}" > ${wrong}`]);
    const offered = execFileSync('ssh-keygen', ['-l', '-f', join(lab.dir, 'lady', 'host_ed25519.pub')])
      .toString()
      .split(' ')[1];
    const [m, l] = lab.entries();
    const r = await audit([m, { ...l, knownHosts: wrong }]);
    expect(outcomes(r.master)).toEqual(['pass', 'pass', 'pass', 'pass']);
    for (const res of r.lady) {
      expect(res.outcome).toBe('error');
      expect(res.message).toContain('lady');
      expect(res.message).toContain(offered);
      expect(res.message).toMatch(/differs from the one in known_hosts/);
    }
  });

  it('unknown host key: error, never a silent accept', async () => {
    const empty = join(lab.dir, 'known_hosts_empty');
    execFileSync('touch', [empty]);
    const [m, l] = lab.entries();
    const r = await audit([m, { ...l, knownHosts: empty }]);
    expect(outcomes(r.master)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(
      r.lady.every((x) => x.outcome === 'error' && /not in known_hosts: ssh-ed25519 SHA256:/.test(x.message)),
    ).toBe(true);
  });

  it('refused client key: error saying authentication failed', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(lab.dir, 'stranger')]);
    const [m, l] = lab.entries();
    const r = await audit([m, { ...l, identityFile: join(lab.dir, 'stranger') }]);
    expect(outcomes(r.master)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(
      r.lady.every((x) => x.outcome === 'error' && /authentication methods failed/.test(x.message)),
    ).toBe(true);
  });

  it.each([
    ['nothing listening (refused)', 'refused', /ECONNREFUSED/],
    ['TCP accepted but no SSH banner (black hole)', 'blackhole', /Timed out while waiting for handshake/],
  ])('unreachable host, %s: error within the connect timeout', async (_what, kind, cause) => {
    const port = await freePort('127.0.0.33');
    let server: Server | undefined;
    if (kind === 'blackhole') {
      server = createServer(() => {});
      await new Promise<void>((r) => server?.listen(port, '127.0.0.33', r));
    }
    try {
      const [m, l] = lab.entries();
      const started = Date.now();
      const r = await audit([m, { ...l, address: '127.0.0.33', port }], 1500);
      expect(Date.now() - started).toBeLessThan(6000);
      expect(outcomes(r.master)).toEqual(['pass', 'pass', 'pass', 'pass']);
      expect(r.lady.every((x) => x.outcome === 'error' && cause.test(x.message))).toBe(true);
    } finally {
      server?.close();
    }
  });

  it("a probe command that hangs past its timeout is an error; the host's other controls are graded", async () => {
    const fifo = join(lab.dir, 'stuck.pid');
    execFileSync('mkfifo', [fifo]);
    const ctx = labContext({
      baseDir: lab.dir,
      inventory: { hosts: lab.entries() },
      probes: hostProbes,
      options: { timeoutMs: 800 },
    });
    try {
      const master = lab.entries()[0];
      const [stuck, mem] = await Promise.all([
        probe('host.services').run(ctx, master, { services: [{ name: 'stuck', pidfile: fifo }] } as never),
        probe('host.memory').run(ctx, master, { maxPercent: 100 } as never),
      ]);
      expect(stuck.outcome).toBe('error');
      expect(stuck.message).toMatch(/timed out after 800 ms/);
      expect(mem.outcome).toBe('pass');
    } finally {
      await ctx.close();
    }
  });

  it('sshd killed in the middle of a run: in-flight and later commands error, the other host is graded', async () => {
    const ctx = labContext({
      baseDir: lab.dir,
      inventory: { hosts: lab.entries() },
      probes: hostProbes,
      options: { timeoutMs: 3000 },
    });
    try {
      const [m, l] = lab.entries();
      expect((await probe('host.memory').run(ctx, l, { maxPercent: 100 } as never)).outcome).toBe('pass');
      const dir = join(lab.dir, 'slow');
      execFileSync('mkdir', ['-p', dir]);
      execFileSync('mkfifo', [join(dir, 'wait')]);
      // In flight on lady's open connection (reading a pidfile nobody writes) when her sshd dies.
      const blocked = probe('host.services').run(ctx, l, {
        services: [{ name: 'x', pidfile: join(dir, 'wait') }],
      } as never);
      await new Promise((r) => setTimeout(r, 300));
      await lab.kill('lady');
      const [b, later, other] = await Promise.all([
        blocked,
        probe('host.load').run(ctx, l, { maxPerCore: 1000 } as never),
        probe('host.load').run(ctx, m, { maxPerCore: 1000 } as never),
      ]);
      expect(b.outcome).toBe('error');
      expect(b.message).toMatch(/lady: connection lost before/);
      expect(later.outcome).toBe('error');
      // Issued as the connection dies: refused, lost, or the channel found it already gone.
      expect(later.message).toMatch(/lady.*(ECONNREFUSED|connection lost|closed|Not connected)/);
      expect(other.outcome).toBe('pass');
    } finally {
      await ctx.close();
      await lab.restart('lady');
    }
  });
});
