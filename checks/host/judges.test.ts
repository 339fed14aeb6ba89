/** Edge cases a live machine cannot be put into on demand, through recorded command answers. */
import { describe, expect, it } from 'vitest';
import { RecordedTransport } from '../../fixtures/lab/recorded-transport.ts';
import { TransportError } from '../transport/command.ts';
import { parseJails } from './fail2ban.ts';
import { load } from './load.ts';
import { memory } from './memory.ts';
import { dmesgKills, journalKills, oomKills } from './oom-kills.ts';
import { parseSshdT } from './sshd.ts';
import { judgeAdjtimex, judgeChrony, judgeTimedatectl, timeSync } from './time-sync.ts';

const detect =
  'for c in timedatectl chronyc adjtimex busybox; do command -v $c; done; [ -d /run/systemd/system ] && echo systemd; true';

describe('time sync judges', () => {
  it.each([
    [
      judgeTimedatectl,
      '               Local time: Mon\nSystem clock synchronized: yes\n NTP service: active',
      true,
    ],
    [judgeTimedatectl, 'NTP synchronized: no', false],
    [judgeChrony, 'Reference ID    : C0A80001\nLeap status     : Normal', true],
    [judgeChrony, 'Reference ID    : 00000000 ()\nLeap status     : Not synchronised', false],
    [judgeAdjtimex, '    status:       8193 (PLL | NANO)\n    maxerror:     402000', true],
    [judgeAdjtimex, '    status:       64 (UNSYNC)\n    maxerror:     16000000', false],
  ])('%#: judges synchronised=%s', (judge, text, synced) => expect(judge(text)?.synced).toBe(synced));

  it.each([
    [
      {
        [detect]: { stdout: '/usr/bin/chronyc\n' },
        'chronyc -n tracking': { stdout: 'Leap status     : Normal\n' },
      },
      'pass',
    ],
    [
      {
        [detect]: { stdout: '/usr/bin/timedatectl\nsystemd\n' },
        'timedatectl status': { stdout: 'System clock synchronized: no\n' },
      },
      'fail',
    ],
    [
      {
        [detect]: { stdout: '/usr/bin/chronyc\n' },
        'chronyc -n tracking': { exitCode: 1, stderr: '506 Cannot talk to daemon' },
      },
      'error',
    ],
    [{ [detect]: { stdout: '' } }, 'error'],
    [{ [detect]: new TransportError('h: connection lost', 'h') }, 'error'],
  ])('%#: %j → %s', async (answers, outcome) => {
    const r = await timeSync(new RecordedTransport('h', answers), {});
    expect(r.outcome).toBe(outcome);
  });
});

describe('OOM kills', () => {
  const dmesg = [
    '[  100.000001] nginx invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0',
    '[  100.000900] Out of memory: Killed process 4242 (nginx) total-vm:1000kB, anon-rss:900kB',
    '[ 9000.000000] Memory cgroup out of memory: Killed process 77 (java) total-vm:1kB',
  ].join('\n');
  it('counts kills after the cut-off only', () => {
    expect(dmesgKills(dmesg, 0)).toEqual(['nginx (pid 4242)', 'java (pid 77)']);
    expect(dmesgKills(dmesg, 5000)).toEqual(['java (pid 77)']);
    expect(journalKills('1795407807.1 h kernel: Out of memory: Killed process 9 (redis) total-vm')).toEqual([
      'redis (pid 9)',
    ]);
  });

  it.each([
    [
      {
        'journalctl -k --no-pager -o short-unix --since {}': {
          stdout: '1.0 h kernel: Out of memory: Killed process 9 (redis)\n',
        },
      },
      'fail',
    ],
    [{ 'journalctl -k --no-pager -o short-unix --since {}': { stdout: '-- No entries --\n' } }, 'pass'],
    [
      {
        'journalctl -k --no-pager -o short-unix --since {}': {
          stderr: 'No journal files were found.\n',
          stdout: '-- No entries --\n',
        },
        'cat /proc/uptime': { stdout: '9500.00 100.00\n' },
        dmesg: { stdout: dmesg },
      },
      'fail',
    ],
  ])('%#: → %s', async (answers, outcome) => {
    expect((await oomKills(new RecordedTransport('h', answers), { hours: 1 })).outcome).toBe(outcome);
  });
});

describe('memory and load thresholds', () => {
  it.each([
    ['MemTotal: 1000 kB\nMemAvailable: 100 kB\n', 85, 'fail'],
    ['MemTotal: 1000 kB\nMemAvailable: 500 kB\n', 85, 'pass'],
    ['garbage', 85, 'error'],
  ])('meminfo %j, max %s → %s', async (stdout, maxPercent, outcome) => {
    expect(
      (await memory(new RecordedTransport('h', { 'cat /proc/meminfo': { stdout } }), { maxPercent })).outcome,
    ).toBe(outcome);
  });

  it.each([
    ['8.00 6.00 4.00 3/200 99\n', '4\n', 1, 'fail'],
    ['8.00 2.00 4.00 3/200 99\n', '4\n', 1, 'pass'],
    ['8.00 6.00 4.00 3/200 99\n', 'x\n', 1, 'error'],
  ])('loadavg %j on %s cores, max %s → %s', async (avg, cores, maxPerCore, outcome) => {
    const t = new RecordedTransport('h', { 'cat /proc/loadavg': { stdout: avg }, nproc: { stdout: cores } });
    expect((await load(t, { maxPerCore })).outcome).toBe(outcome);
  });
});

describe('parsers', () => {
  it('reads sshd -T and fail2ban jail lists', () => {
    expect(parseSshdT('permitrootlogin no\nport 22\nport 2222\n')).toEqual({
      permitrootlogin: 'no',
      port: '22,2222',
    });
    expect(parseJails('Status\n|- Number of jail:\t2\n`- Jail list:\tsshd, nginx-http-auth\n')).toEqual([
      'sshd',
      'nginx-http-auth',
    ]);
  });
});
