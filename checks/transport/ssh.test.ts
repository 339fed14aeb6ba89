import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import { sh } from './command.ts';
import { SshTransport } from './ssh.ts';
import { resolveSshTarget } from './ssh-config.ts';
import { createSshLimits } from './ssh-limits.ts';

let lab: SshLab;
const open: SshTransport[] = [];
const transport = (entry: HostEntry, timeoutMs = 5000) => {
  const t = new SshTransport(
    resolveSshTarget(entry, (p) => p),
    { timeoutMs, sudo: entry.sudo, limits: createSshLimits() },
  );
  open.push(t);
  return t;
};
const master = (extra: Partial<HostEntry> = {}) => ({ ...lab.entries()[0], ...extra });

beforeAll(async () => {
  lab = await startSshLab({
    hosts: [{ name: 'master', address: '127.0.0.31' }],
    sudo: true,
    prefix: 'ssh-transport',
  });
});
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
  await lab?.stop();
});

describe('SshTransport', () => {
  it('keeps each command of a batch apart: stdout, stderr and exit status', async () => {
    const t = transport(master());
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.run(sh`sh -c ${`printf out${i}; echo err${i} >&2; exit ${i % 7}`}`),
      ),
    );
    for (const [i, r] of results.entries()) {
      expect(r).toMatchObject({
        stdout: `out${i}`,
        stderr: `err${i}
`,
        exitCode: i % 7,
      });
    }
  });

  it('reuses one connection for every command of the run', async () => {
    const t = transport(master());
    const first = await Promise.all(
      Array.from({ length: 20 }, () => t.run(sh`sh -c ${'echo $SSH_CONNECTION'}`)),
    );
    const later = await t.run(sh`sh -c ${'echo $SSH_CONNECTION'}`);
    expect(new Set([...first, later].map((r) => r.stdout)).size).toBe(1);
  });

  it.each([
    '; rm -rf /',
    '$(touch /tmp/rs-pwned)',
    '`touch /tmp/rs-pwned`',
    'a\nb; touch /tmp/rs-pwned',
    'it\'s "q" \\',
  ])('delivers the hostile value %j as one inert argument', async (value) => {
    const r = await transport(master()).run(sh`printf %s ${value}`);
    expect(r.stdout).toBe(value);
    expect(existsSync('/tmp/rs-pwned')).toBe(false);
  });

  it('uses sudo -n only when the host allows it', async () => {
    expect((await transport(master({ sudo: true })).run(sh`id -u`, { sudo: true })).stdout.trim()).toBe('0');
    expect((await transport(master({ sudo: false })).run(sh`id -u`, { sudo: true })).stdout.trim()).not.toBe(
      '0',
    );
  });

  it('rejects a command that hangs past its timeout; its neighbours still answer', async () => {
    const t = transport(master(), 5000);
    const started = Date.now();
    const [before, hung, after] = await Promise.allSettled([
      t.run(sh`echo before`),
      t.run(sh`sleep 30`, { timeoutMs: 400 }),
      t.run(sh`echo after`),
    ]);
    expect(before).toMatchObject({ status: 'fulfilled', value: { stdout: 'before\n' } });
    expect(hung).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/timed out after 400 ms: sleep 30/) },
    });
    expect(after).toMatchObject({ status: 'fulfilled', value: { stdout: 'after\n' } });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('forwards to a Unix socket on the host (how a remote Docker engine is reached)', async () => {
    const dir = join(lab.dir, 'sock');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const path = join(dir, 'echo.sock');
    const server: Server = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => server.listen(path, r));
    chmodSync(path, 0o666);
    try {
      const stream = await transport(master()).openUnixSocket(path);
      const echoed = new Promise<string>((r) => stream.once('data', (d: Buffer) => r(d.toString())));
      stream.write('ping');
      expect(await echoed).toBe('ping');
      stream.end();
    } finally {
      server.close();
    }
  });

  it('honours an ssh config file: Host alias, HostName, Port, User, IdentityFile', async () => {
    const h = lab.hosts[0];
    const config = join(lab.dir, 'ssh_config');
    writeFileSync(
      config,
      `Host lab-master\n  HostName ${h.address}\n  Port ${h.port}\n  User rslab\n  IdentityFile ${lab.identityFile}\n`,
    );
    const entry: HostEntry = {
      name: 'master',
      address: 'lab-master',
      sshConfig: config,
      knownHosts: lab.knownHosts,
    };
    const r = await transport(entry).run(sh`id -un`);
    expect(r.stdout.trim()).toBe('rslab');
  });

  it('accepts a hashed known_hosts entry', async () => {
    const hashed = join(lab.dir, 'known_hosts_hashed');
    writeFileSync(hashed, execFileSync('cat', [lab.knownHosts]));
    execFileSync('ssh-keygen', ['-q', '-H', '-f', hashed]);
    expect(execFileSync('cat', [hashed]).toString()).toMatch(/^\|1\|/);
    const r = await transport(master({ knownHosts: hashed })).run(sh`echo ok`);
    expect(r.stdout).toBe('ok\n');
  });
});
