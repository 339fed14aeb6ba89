/** Pool judges on php-fpm -tt text: shared users, root, TCP listeners. */
import { describe, expect, it } from 'vitest';
import { judgePoolSockets, judgePoolUsers } from './identity.ts';
import { parseFpmDump } from './read.ts';

const n = (line: string) => `[02-Dec-2026 07:56:07] NOTICE: \t${line}`;
const dump = (pools: Record<string, Record<string, string>>) =>
  [
    n('[global]'),
    n('pid = /run/php.pid'),
    ...Object.entries(pools).flatMap(([name, s]) => [
      n(`[${name}]`),
      ...Object.entries(s).map(([k, v]) => n(`${k} = ${v}`)),
    ]),
    '[x] NOTICE: configuration file /etc/php-fpm.conf test is successful',
  ].join('\n');
const fpm = (pools: Record<string, Record<string, string>>) => ({
  ...(parseFpmDump(dump(pools)) ?? { global: {}, pools: [] }),
  source: 'h:php-fpm8.2 -tt',
});

describe('PHP-FPM pool judges', () => {
  it('fails two pools sharing a user (each names the other) and a root pool', () => {
    const r = judgePoolUsers(
      fpm({ a: { user: 'site' }, b: { user: 'site' }, c: { user: 'root' }, d: { user: 'd' } }),
      {},
    );
    expect(r.map((s) => [s.subject, s.outcome])).toEqual([
      ['a', 'fail'],
      ['b', 'fail'],
      ['c', 'fail'],
      ['d', 'pass'],
    ]);
    expect(r[0].message).toMatch(/shares user site with b/);
  });

  it('passes a loopback TCP pool, fails one open to any client, and cannot judge an unexamined socket', () => {
    const r = judgePoolSockets(
      fpm({
        a: { listen: '127.0.0.1:9000' },
        b: { listen: '9001', 'listen.allowed_clients': 'undefined' },
        c: { listen: '/run/c.sock', 'listen.mode': '0660' },
      }),
      {},
    );
    expect(r.map((s) => s.outcome)).toEqual(['pass', 'fail', 'error']);
  });

  it('refuses text that is not -tt output', () => {
    expect(parseFpmDump('[x] NOTICE: hello\n')).toBeUndefined();
  });
});
