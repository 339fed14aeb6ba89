/**
 * The sshd_config reader against the real daemon: every case is a configuration that this
 * machine's `sshd -T` (run here as root) parses too, and the files method must agree with it
 * on every keyword the configuration or the defaults table names.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { RecordedTransport } from '../../fixtures/lab/recorded-transport.ts';
import { LocalTransport } from '../transport/local.ts';
import { parseSshdT, sshdConfig } from './sshd.ts';
import { readSshdConfig, splitWords } from './sshd-config.ts';
import { globCommand, hostReader, readFileCommand, SSHD_DEFAULTS, versionCommand } from './sshd-files.ts';

const local = new LocalTransport('local', { timeoutMs: 5000 });
const dir = labDir('sshd-config');
const hostKey = join(dir, 'host_ed25519');

beforeAll(() => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  mkdirSync(join(dir, 'conf.d'));
  mkdirSync(join(dir, 'never.d'));
  writeFileSync(
    join(dir, 'conf.d', '10-first.conf'),
    'X11Forwarding yes\nMatch User bob\n  MaxAuthTries 2\n',
  );
  writeFileSync(
    join(dir, 'conf.d', '20-second.conf'),
    'maxauthtries 4\nPermitRootLogin prohibit-password\nX11Forwarding no\n',
  );
  writeFileSync(join(dir, 'never.d', 'all.conf'), 'Match all\n  PermitTTY no\n');
});

const write = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, [`HostKey ${hostKey}`, ...lines, ''].join('\n'));
  return path;
};

const CASES: [string, string[]][] = [
  [
    'include first, first value wins, Match ends with its file, Match all overrides, Match User does not apply',
    [
      `Include ${dir}/conf.d/*.conf`,
      'x11forwarding no',
      'PasswordAuthentication=no # trailing comment',
      'ChallengeResponseAuthentication no',
      'CLIENTALIVEINTERVAL 30',
      'Banner "/etc/issue net"',
      'AllowUsers alice bob',
      'AllowUsers carol',
      'AcceptEnv LANG LC_*',
      'Match all',
      '  ClientAliveCountMax 5',
      'Match User alice',
      '  PasswordAuthentication yes',
      '  PermitTTY no',
    ],
  ],
  [
    'an Include inside a Match that does not apply never applies, even its Match all',
    ['MaxSessions 4', 'Match User nobody', `  Include ${dir}/never.d/*.conf`, '  MaxSessions 2'],
  ],
  [
    'a glob that matches nothing, and a literal file that is not there, are skipped',
    [`Include ${dir}/none.d/*.conf`, `Include ${dir}/absent.conf`, 'PermitRootLogin no'],
  ],
];

describe('sshd configuration files read as sshd -T reads them', () => {
  it.each(CASES)('%s', async (_name, lines) => {
    const path = write(`case-${CASES.findIndex((c) => c[1] === lines)}`, lines);
    const truth = parseSshdT(execFileSync('/usr/sbin/sshd', ['-T', '-f', path], { encoding: 'utf8' }));
    const files = await readSshdConfig(path, hostReader(local));
    const keys = new Set([...Object.keys(files.settings), ...Object.keys(SSHD_DEFAULTS)]);
    keys.delete('hostkey');
    const ours = Object.fromEntries([...keys].map((k) => [k, files.settings[k]?.value ?? SSHD_DEFAULTS[k]]));
    const theirs = Object.fromEntries([...keys].map((k) => [k, truth[k]]));
    expect(ours).toEqual(theirs);
  });

  it('records values inside Match blocks as conditional, with the criteria and where', async () => {
    const files = await readSshdConfig(write('cond', CASES[0][1]), hostReader(local));
    expect(files.conditional.passwordauthentication).toEqual([
      { value: 'yes', match: 'User alice', at: expect.stringMatching(/cond:\d+$/) },
    ]);
    expect(files.conditional.maxauthtries?.[0].match).toBe('User bob');
    expect(files.files).toEqual([
      join(dir, 'cond'),
      join(dir, 'conf.d/10-first.conf'),
      join(dir, 'conf.d/20-second.conf'),
    ]);
  });

  it.each([
    ['Banner "/etc/a b" # c', ['Banner', '/etc/a b']],
    ['  AllowUsers a  b\t"c d"', ['AllowUsers', 'a', 'b', 'c d']],
    ['# whole line', []],
    ['Key "say \\"hi\\""', ['Key', 'say "hi"']],
  ])('splits %j like sshd', (line, words) => expect(splitWords(line)).toEqual(words));
});

describe('host.sshd from files on a host (recorded answers)', () => {
  const main = '/etc/ssh/sshd_config';
  const sshdT = 'PATH=$PATH:/usr/sbin:/sbin sshd -T';
  const answers = (extra: Record<string, object> = {}) => ({
    [sshdT]: { exitCode: 1, stderr: 'sshd: no hostkeys available -- exiting.\n' },
    [readFileCommand(main).script]: {
      stdout:
        'Include sshd_config.d/*.conf\nPasswordAuthentication yes\nMatch Group admins\n  PasswordAuthentication no\n',
    },
    [globCommand('/etc/ssh/sshd_config.d/*.conf').script]: {
      stdout: 'file /etc/ssh/sshd_config.d/50-hardening.conf\n',
    },
    [readFileCommand('/etc/ssh/sshd_config.d/50-hardening.conf').script]: {
      stdout: 'PasswordAuthentication no\nPermitRootLogin no\n',
    },
    [versionCommand.script]: { stdout: 'OpenSSH_9.2p1 Debian-2, OpenSSL 3.0.19\n' },
    ...extra,
  });

  it('reads Include relative to /etc/ssh, first value wins, and says which method and files', async () => {
    const r = await sshdConfig(new RecordedTransport('h', answers()), {
      settings: { PasswordAuthentication: 'no', permitrootlogin: 'no', x11forwarding: 'no' },
    });
    expect(r.outcome).toBe('pass');
    expect(r.evidence.method).toMatch(
      /^configuration files \(sshd -T could not run: exit 1: sshd: no hostkeys available/,
    );
    expect(r.evidence.files).toEqual([main, '/etc/ssh/sshd_config.d/50-hardening.conf']);
    expect(r.evidence.from).toEqual({
      PasswordAuthentication: '/etc/ssh/sshd_config.d/50-hardening.conf:1',
      permitrootlogin: '/etc/ssh/sshd_config.d/50-hardening.conf:2',
      x11forwarding: 'built-in default (OpenSSH 9.2)',
    });
    expect(r.evidence.conditional).toEqual({
      passwordauthentication: [`Match Group admins: no (${main}:4)`],
    });
  });

  it.each([
    [
      {
        [readFileCommand(main).script]: {
          exitCode: 1,
          stderr: `head: cannot open '${main}' for reading: Permission denied`,
        },
      },
      /cannot read \/etc\/ssh\/sshd_config: Permission denied/,
    ],
    [
      {
        [globCommand('/etc/ssh/sshd_config.d/*.conf').script]: { stdout: 'denied /etc/ssh/sshd_config.d\n' },
      },
      /cannot list \/etc\/ssh\/sshd_config.d/,
    ],
    [
      { [versionCommand.script]: { stdout: 'sh: 1: sshd: not found\n' } },
      /x11forwarding is not set .* unknown OpenSSH version/,
    ],
    [
      { [sshdT]: { exitCode: 255, stderr: '/etc/ssh/sshd_config line 3: Bad configuration option: Nope' } },
      /sshd -T rejects the configuration/,
    ],
  ])('is an error naming the cause: %#', async (extra, message) => {
    const r = await sshdConfig(new RecordedTransport('h', answers(extra)), {
      settings: { x11forwarding: 'no' },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(message);
  });
});
