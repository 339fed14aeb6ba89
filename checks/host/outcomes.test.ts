/**
 * Outcome audit of every host probe: whatever the host answers that cannot be judged
 * (permission denied, a missing tool, an answer that is not what the tool prints, a timeout, a
 * command killed without status) is `error` naming the cause: never `fail`, never `pass`.
 * Real permission faults against a lab sshd are in non-root.test.ts; here every command of a
 * probe meets the fault, through a transport that answers only with it.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../probe.ts';
import {
  type Command,
  type CommandResult,
  type CommandTransport,
  TransportError,
} from '../transport/command.ts';
import { disk } from './disk.ts';
import { fail2ban } from './fail2ban.ts';
import { fileAge } from './file-age.ts';
import { fileMode } from './file-mode.ts';
import { listening } from './listening.ts';
import { load } from './load.ts';
import { memory } from './memory.ts';
import { oomKills } from './oom-kills.ts';
import { hostProbes } from './probes.ts';
import { pidfileCommand, processCommand } from './process-table.ts';
import { initCommand, services } from './services.ts';
import { sshdConfig } from './sshd.ts';
import { timeSync } from './time-sync.ts';

type Fault = (command: Command) => Partial<CommandResult> | Error;

/** Answers every command with one fault, except the scripts given answers of their own. */
class FaultTransport implements CommandTransport {
  readonly seen: string[] = [];
  constructor(
    readonly host: string,
    private readonly fault: Fault,
    private readonly answers: Record<string, Partial<CommandResult>> = {},
  ) {}
  async run(command: Command): Promise<CommandResult> {
    this.seen.push(command.script);
    const answer = this.answers[command.script] ?? this.fault(command);
    if (answer instanceof Error) throw answer;
    return { exitCode: 0, stdout: '', stderr: '', durationMs: 1, ...answer };
  }
  async close(): Promise<void> {}
}

const tool = (c: Command) => c.script.replace(/^PATH=\S+ /, '').split(/[\s;]/)[0];
const FAULTS: [string, Fault, RegExp][] = [
  [
    'permission denied',
    (c) => ({ exitCode: 1, stderr: `${tool(c)}: /the/file: Permission denied\n` }),
    /permission denied/i,
  ],
  ['missing tool', (c) => ({ exitCode: 127, stderr: `sh: 1: ${tool(c)}: not found\n` }), /not found|127/],
  [
    'unparseable answer',
    () => ({ exitCode: 0, stdout: 'Segmentation fault? \u0000 ☃ lorem ipsum\n<html>oops</html>\n' }),
    /unexpected|unparseable|not a|no header|no jail list|lacks|printed no|nothing on the host|gave no|cannot/i,
  ],
  ['timeout', () => new TransportError('h: command timed out after 10000 ms', 'h'), /timed out/],
  [
    'killed without exit status',
    () => ({ exitCode: null, stderr: '' }),
    /killed without exit status|exited without status/,
  ],
];

const PROBES: [string, (t: CommandTransport) => Promise<ProbeResult>][] = [
  ['host.listening', (t) => listening(t, { allowPorts: [22] })],
  ['host.listening (process scope)', (t) => listening(t, { processes: ['mariadbd'] })],
  ['host.disk', (t) => disk(t, { maxPercent: 85 })],
  ['host.disk (mounts)', (t) => disk(t, { maxPercent: 85, mounts: ['/', '/var'] })],
  ['host.file-age', (t) => fileAge(t, { path: '/var/backups', maxAgeHours: 26 })],
  ['host.file-mode', (t) => fileMode(t, { path: '/etc/shadow', maxMode: '640' })],
  [
    'host.file-mode (paths)',
    (t) => fileMode(t, { paths: ['/etc/shadow', '/var/www/*/wp-config.php'], maxMode: '640' }),
  ],
  ['host.sshd', (t) => sshdConfig(t, { settings: { permitrootlogin: 'no' } })],
  ['host.fail2ban', (t) => fail2ban(t, { jails: ['sshd'] })],
  [
    'host.services',
    (t) => services(t, { services: ['mariadb', { name: 'php-fpm', pidfile: '/run/php/fpm.pid' }] }),
  ],
  ['host.oom-kills', (t) => oomKills(t, { hours: 24 })],
  ['host.memory', (t) => memory(t, { maxPercent: 90 })],
  ['host.load', (t) => load(t, { maxPerCore: 2 })],
  ['host.time-sync', (t) => timeSync(t, {})],
];

/** The summary and every subject's message: the cause may be named on the subject it concerns. */
const said = (r: ProbeResult) => [r.message, ...(r.subjects ?? []).map((s) => s.message)].join('\n');

describe('every host probe: what cannot be read is error, naming the cause', () => {
  it('covers every registered host probe', () => {
    const covered = new Set(PROBES.map(([name]) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(hostProbes.map((p) => p.name).sort());
  });

  for (const [fault, answer, cause] of FAULTS) {
    it.each(PROBES)(`${fault}: %s`, async (_name, probe) => {
      const r = await probe(new FaultTransport('h', answer));
      expect(r.outcome).toBe('error');
      for (const s of r.subjects ?? []) expect(s.outcome).toBe('error');
      expect(said(r)).toMatch(cause);
    });
  }
});

describe('host.services off systemd: each service’s own read fails', () => {
  const init = { [initCommand.script]: { stdout: 'other runit\n' } };
  it.each([
    [
      'pidfile permission denied',
      { stdout: 'unreadable cat: /run/php/fpm.pid: Permission denied\n' },
      /cannot read \/run\/php\/fpm.pid: Permission denied/,
    ],
    ['pidfile that holds no pid', { stdout: 'badpid <html>\n' }, /does not hold a pid/],
    ['process table hidden (hidepid)', { stdout: 'hidden 812\n' }, /hidepid/],
    [
      'sudo refused and no answer',
      { exitCode: 1, stderr: 'sudo: a password is required\n' },
      /password is required/,
    ],
  ])('%s → error', async (_name, pidfileAnswer, cause) => {
    const t = new FaultTransport('h', () => ({ exitCode: 0, stdout: 'scanned 0\n' }), {
      ...init,
      [pidfileCommand('/run/php/fpm.pid').script]: pidfileAnswer,
    });
    const r = await services(t, { services: [{ name: 'php-fpm', pidfile: '/run/php/fpm.pid' }] });
    expect(r.subjects?.map((s) => s.outcome)).toEqual(['error']);
    expect(said(r)).toMatch(cause);
  });

  it.each([
    [
      'names that cannot be read',
      { stdout: 'scanned 3\n' },
      'error',
      /3 process name\(s\) could not be read/,
    ],
    ['hidden', { stdout: 'hidden\n' }, 'error', /hidepid/],
    ['no such process, all names read', { stdout: 'scanned 0\n' }, 'fail', /no process named mariadbd/],
    ['running', { stdout: 'match 812\nscanned 0\n' }, 'pass', /pid 812/],
  ])('process table: %s → %s', async (_name, answer, outcome, message) => {
    const t = new FaultTransport('h', () => ({ exitCode: 1, stderr: 'unexpected command' }), {
      ...init,
      [processCommand('mariadbd').script]: answer,
    });
    const r = await services(t, { services: ['mariadbd'] });
    expect(r.subjects?.map((s) => s.outcome)).toEqual([outcome]);
    expect(said(r)).toMatch(message);
  });

  it.each([
    ['no bus', { exitCode: 1, stderr: 'Failed to connect to bus: No such file or directory' }, 'error'],
    ['inactive', { exitCode: 3, stdout: 'inactive\n' }, 'fail'],
    ['failed', { exitCode: 3, stdout: 'failed\n' }, 'fail'],
    ['active', { stdout: 'active\n' }, 'pass'],
  ])('systemctl is-active: %s → %s', async (_name, answer, outcome) => {
    const t = new FaultTransport('h', () => answer, { [initCommand.script]: { stdout: 'systemd\n' } });
    const r = await services(t, { services: ['nginx'] });
    expect(r.subjects?.map((s) => s.outcome)).toEqual([outcome]);
  });

  it('rechecks an inactive unit by the process the policy names: a daemon started outside systemd runs', async () => {
    const t = new FaultTransport('h', () => ({ exitCode: 1, stderr: 'unexpected command' }), {
      [initCommand.script]: { stdout: 'systemd\n' },
      'systemctl is-active -- mariadb': { exitCode: 3, stdout: 'inactive\n' },
      [processCommand('mariadbd').script]: { stdout: 'match 812\nscanned 0\n' },
      [processCommand('nginx').script]: { stdout: 'scanned 0\n' },
      'systemctl is-active -- nginx': { exitCode: 3, stdout: 'inactive\n' },
    });
    const r = await services(t, {
      services: [
        { name: 'mariadb', process: 'mariadbd' },
        { name: 'nginx', process: 'nginx' },
      ],
    });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['mariadb', 'pass'],
      ['nginx', 'fail'],
    ]);
    expect(r.subjects?.[0].message).toMatch(/pid 812 \(systemd unit mariadb is inactive\)/);
  });
});
