/**
 * The MariaDB probes against the WordPress lab's real mariadbd, over the lab host's SSH
 * connection: root by socket authentication through sudo, an audit account by password on
 * stdin, the SSH user by unix_socket. Planted: an anonymous account, a password-less one, root
 * from any host, a site user granted on another site's database, one on a wildcard pattern.
 * The server's general log records every statement the audit sent: SELECT and SHOW only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { startWordPressLab, type WordPressLab, WP_AUDIT_USER } from '../../fixtures/lab/wordpress/index.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { mariadbProbes } from './probes.ts';

const AUDIT_PASSWORD = `audit-"pw\\${Math.random().toString(36).slice(2)}`;
let wp: WordPressLab;
let generalLog: string;

beforeAll(async () => {
  wp = await startWordPressLab({
    mariadbSql: [
      "CREATE USER ''@'localhost'",
      "CREATE USER 'nopass'@'localhost'",
      "CREATE USER 'root'@'%' IDENTIFIED BY 'remote-root-pw'",
      'GRANT SELECT ON `wp_alpha`.* TO `wp_beta`@`localhost`',
      'GRANT ALL ON `wp\\_%`.* TO `wp_gamma`@`localhost`',
      `CREATE USER 'audit'@'localhost' IDENTIFIED BY '${AUDIT_PASSWORD.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
      "GRANT SELECT ON `mysql`.* TO 'audit'@'localhost'",
      `CREATE USER '${WP_AUDIT_USER}'@'localhost' IDENTIFIED VIA unix_socket`,
      `GRANT SELECT ON \`mysql\`.* TO '${WP_AUDIT_USER}'@'localhost'`,
    ],
  });
  generalLog = join(wp.dir, 'var/log/mysql/general.log'); // mysql's own directory
  wp.mariadb.sql(`SET GLOBAL general_log_file = '${generalLog}'`);
  wp.mariadb.sql('SET GLOBAL general_log = 1');
}, 180_000);
afterAll(async () => {
  await wp?.stop();
});

async function run(
  check: string,
  params: Record<string, unknown>,
  host: HostEntry = wp.host,
): Promise<ProbeResult> {
  process.env.READYSPEC_TEST_DB_AUDIT = AUDIT_PASSWORD;
  const ctx = labContext({
    baseDir: wp.dir,
    inventory: { hosts: [wp.host, wp.hostNoSudo] },
    probes: mariadbProbes,
  });
  try {
    const probe = mariadbProbes.find((p) => p.name === check);
    if (!probe) throw new Error(check);
    return await probe.run(ctx, host, params);
  } finally {
    await ctx.close();
  }
}

const outcomes = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));

describe('MariaDB over SSH', () => {
  it('judges each account, by root socket authentication through sudo', async () => {
    const root = { sudo: true, socket: wp.mariadb.socket };
    const anonymous = await run('mariadb.anonymous-accounts', root);
    expect(outcomes(anonymous)).toEqual({ "''@localhost": 'fail' });

    const auth = outcomes(await run('mariadb.authentication', root));
    expect(auth['nopass@localhost']).toBe('fail');
    expect(auth["''@localhost"]).toBe('fail');
    expect(auth['root@localhost']).toBe('pass');
    expect(auth['mariadb.sys@localhost']).toBe('pass'); // locked
    expect(auth['wp_alpha@localhost']).toBe('pass');

    expect(outcomes(await run('mariadb.root-local', root))).toEqual({
      'root@%': 'fail',
      'root@localhost': 'pass',
    });

    const grants = await run('mariadb.site-grants', {
      ...root,
      admins: ['root', 'mariadb.sys', 'mysql', 'audit', WP_AUDIT_USER],
      sites: wp.sites.map((s) => ({ user: s.dbUser, database: s.database })),
    });
    const g = outcomes(grants);
    expect(g['wp_alpha@localhost']).toBe('pass');
    expect(g['wp_beta@localhost']).toBe('fail');
    expect(g['wp_gamma@localhost']).toBe('fail');
    expect(g['root@localhost']).toBe('not-applicable');
    const beta = grants.subjects?.find((s) => s.subject === 'wp_beta@localhost');
    expect(beta?.message).toMatch(/granted on wp_alpha, not only on its own wp_beta/);
    expect(grants.subjects?.find((s) => s.subject === 'wp_gamma@localhost')?.message).toMatch(
      /pattern wp\\_%.*wp_alpha, wp_beta, wp_gamma/,
    );

    expect((await run('mariadb.bind-address', root)).outcome).toBe('pass');
    expect((await run('mariadb.version', { ...root, minVersion: '10.6' })).outcome).toBe('pass');
    expect((await run('mariadb.version', { ...root, minVersion: '99.0' })).outcome).toBe('fail');
  }, 60_000);

  it('reads with a password sent on stdin, and by the SSH user’s own socket authentication', async () => {
    const byPassword = await run('mariadb.authentication', {
      user: 'audit',
      password: { env: 'READYSPEC_TEST_DB_AUDIT' },
      socket: wp.mariadb.socket,
    });
    expect(outcomes(byPassword)['nopass@localhost']).toBe('fail');
    expect(JSON.stringify(byPassword)).not.toContain(AUDIT_PASSWORD);
    expect(JSON.stringify(byPassword)).not.toContain('remote-root-pw');
    const bySocket = await run('mariadb.root-local', { socket: wp.mariadb.socket }, wp.hostNoSudo);
    expect(outcomes(bySocket)['root@%']).toBe('fail');
  }, 60_000);

  it('is error, naming the cause, when it cannot read', async () => {
    const wrong = await run('mariadb.authentication', {
      user: 'audit',
      password: { env: 'NO_SUCH_VARIABLE_RS' },
      socket: wp.mariadb.socket,
    });
    expect(wrong.outcome).toBe('error');
    expect(wrong.message).toMatch(/NO_SUCH_VARIABLE_RS.*not set/);
    const denied = await run(
      'mariadb.authentication',
      { user: 'wp_alpha', socket: wp.mariadb.socket },
      wp.hostNoSudo,
    );
    expect(denied.outcome).toBe('error');
    expect(denied.message).toMatch(/Access denied|could not read/);
    const noSocket = await run('mariadb.version', {
      sudo: true,
      socket: '/nonexistent/mysqld.sock',
      minVersion: '10.6',
    });
    expect(noSocket).toMatchObject({ outcome: 'error', message: expect.stringMatching(/Can't connect/) });
    const viaMysql = await run('mariadb.bind-address', {
      sudo: true,
      client: 'mysql',
      socket: wp.mariadb.socket,
    });
    expect(viaMysql.outcome).toBe('pass'); // Debian's mariadb-client also installs `mysql`
    process.env.READYSPEC_TEST_DB_ALPHA = wp.sites[0]?.dbPassword;
    const noSelect = await run('mariadb.site-grants', {
      user: 'wp_alpha',
      password: { env: 'READYSPEC_TEST_DB_ALPHA' },
      socket: wp.mariadb.socket,
    });
    expect(noSelect).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/SELECT command denied/),
    });
  }, 60_000);

  it('sent only SELECT and SHOW statements (the server’s general log)', () => {
    const queries = readFileSync(generalLog, 'utf8')
      .split('\n')
      .map((l) => /\t\s*\d+ Query\t(.*)$/.exec(l)?.[1])
      .filter((q): q is string => q !== undefined);
    const ours = queries.filter((q) => !/^SET GLOBAL general_log/.test(q));
    expect(ours.length).toBeGreaterThan(10);
    for (const q of ours) expect(q).toMatch(/^(SELECT|SHOW) /);
  });
});
