/** What the MariaDB probes read, parsed: client output, accounts, grants, and the server judges. */
import { describe, expect, it } from 'vitest';
import { parseAccounts } from './accounts.ts';
import { clientCommand, parseResults, passwordFile } from './client.ts';
import { hasWildcard, likePattern, parseGrant, shownGrant } from './grants.ts';
import { bindAddress, serverVersion } from './server-checks.ts';
import type { ServerSnapshot } from './snapshot.ts';

const snap = (variables: Record<string, string>, version = '10.11.19-MariaDB-0+deb12u1'): ServerSnapshot => ({
  source: 'db:mariadb',
  version: { ok: true, value: version },
  variables: { ok: true, value: variables },
  accounts: { ok: true, value: [] },
  databases: { ok: true, value: [] },
});

describe('the client call', () => {
  it('refuses anything but one-line SELECT and SHOW', () => {
    expect(() => clientCommand({}, ['DROP TABLE x'], 1000)).toThrow(/not a one-line read/);
    expect(() => clientCommand({}, ['SELECT 1;\nDROP TABLE x'], 1000)).toThrow(/not a one-line read/);
    const c = clientCommand({ password: { env: 'P' }, user: 'audit' }, ['SELECT 1'], 5000);
    expect(c.script).toMatch(/^mariadb --defaults-extra-file=\/dev\/stdin /);
    expect(c.script).not.toMatch(/password/i);
  });

  it('quotes a password for an option file and refuses a line break', () => {
    expect(passwordFile('a"b\\c')).toBe('[client]\npassword="a\\"b\\\\c"\n');
    expect(() => passwordFile('a\nb')).toThrow(/line break/);
  });

  it('splits results by marker, unescapes fields, and attributes errors by line', () => {
    const out = [
      'readyspec-result\t0\tmarker',
      '10.11.19-MariaDB',
      'readyspec-result\t1\tmarker',
      'readyspec-result\t2\tmarker',
      'a\\tb\\nc\\\\d\tx',
    ].join('\n');
    const err =
      "ERROR 1142 (42000) at line 4: SELECT command denied to user 'a'@'localhost' for table `mysql`.`global_priv`";
    const r = parseResults(out, err, 4);
    expect(r[0]).toEqual({ rows: [['10.11.19-MariaDB']] });
    expect(r[1]).toEqual({ error: expect.stringMatching(/^ERROR 1142 \(42000\): SELECT command denied/) });
    expect(r[2]).toEqual({ rows: [['a\tb\nc\\d', 'x']] });
    expect(r[3]).toEqual({ error: expect.stringMatching(/no answer/) });
  });
});

describe('accounts', () => {
  it('reads auth_or alternatives, {} standing for the top-level plugin', () => {
    const [root, sys, open] = parseAccounts([
      [
        'root',
        'localhost',
        'mysql_native_password',
        '0',
        '[{}, {"plugin": "unix_socket"}]',
        'false',
        'false',
      ],
      ['mariadb.sys', 'localhost', 'mysql_native_password', '1', '[]', '1', 'false'],
      ['', '%', 'mysql_native_password', '1', '[]', 'false', 'false'],
    ]);
    expect(root?.methods).toEqual([
      { plugin: 'mysql_native_password', credential: true },
      { plugin: 'unix_socket', credential: false },
    ]);
    expect(sys?.locked).toBe(true);
    expect(open?.methods).toEqual([{ plugin: 'mysql_native_password', credential: false }]);
    expect(() => parseAccounts([['x', 'y']])).toThrow(/2 fields/);
    expect(() => parseAccounts([['x', 'y', 'p', '0', 'not json', 'false', 'false']])).toThrow(/not JSON/);
  });
});

describe('SHOW GRANTS lines', () => {
  it.each([
    [
      "GRANT USAGE ON *.* TO `wp_a`@`localhost` IDENTIFIED BY PASSWORD '*ABC'",
      { kind: 'privileges', privileges: 'USAGE', database: '*', object: '*' },
    ],
    [
      'GRANT ALL PRIVILEGES ON `wp_a`.* TO `wp_a`@`localhost`',
      { kind: 'privileges', privileges: 'ALL PRIVILEGES', database: 'wp_a', object: '*' },
    ],
    [
      'GRANT SELECT (`c`), INSERT ON `d``b`.`t` TO `u`@`%`',
      { kind: 'privileges', privileges: 'SELECT (`c`), INSERT', database: 'd`b', object: 't' },
    ],
    [
      'GRANT EXECUTE ON PROCEDURE `db`.`p` TO `u`@`h`',
      { kind: 'privileges', privileges: 'EXECUTE', database: 'db', object: 'p', routine: 'PROCEDURE' },
    ],
    ['GRANT PROXY ON ``@`%` TO `root`@`localhost` WITH GRANT OPTION', { kind: 'proxy', target: '``@`%`' }],
    ['GRANT `editors` TO `u`@`localhost`', { kind: 'role', role: 'editors' }],
  ])('%s', (line, grant) => {
    expect(parseGrant(line)).toEqual(grant);
  });

  it('never keeps an authentication clause, and refuses a line it cannot read', () => {
    expect(shownGrant("GRANT USAGE ON *.* TO `a`@`b` IDENTIFIED BY PASSWORD '*ABC'")).toBe(
      'GRANT USAGE ON *.* TO `a`@`b`',
    );
    expect(() => parseGrant('REVOKE ALL')).toThrow(/cannot read/);
  });

  it('applies LIKE to database patterns', () => {
    expect(likePattern('wp\\_%').test('wp_alpha')).toBe(true);
    expect(likePattern('wp\\_%').test('wpXalpha')).toBe(false);
    expect(hasWildcard('wp\\_%')).toBe(true);
    expect(hasWildcard('100\\%')).toBe(false);
    expect(hasWildcard('wp_alpha')).toBe(false);
  });
});

describe('server judges', () => {
  it.each([
    [{ bind_address: '127.0.0.1', port: '3306', skip_networking: 'OFF' }, 'pass'],
    [{ bind_address: '127.0.0.61', port: '3306', skip_networking: 'OFF' }, 'pass'],
    [{ bind_address: '0.0.0.0', port: '3306', skip_networking: 'OFF' }, 'fail'],
    [{ bind_address: '::', port: '3306', skip_networking: 'OFF' }, 'fail'],
    [{ bind_address: '', port: '3306', skip_networking: 'OFF' }, 'fail'],
    [{ bind_address: '127.0.0.1,10.0.0.5', port: '3306', skip_networking: 'OFF' }, 'fail'],
    [{ bind_address: '0.0.0.0', port: '3306', skip_networking: 'ON' }, 'pass'],
    [{ bind_address: 'db.internal', port: '3306', skip_networking: 'OFF' }, 'error'],
    [{ port: '3306', skip_networking: 'OFF' }, 'error'],
  ])('bind %j → %s', (variables, outcome) => {
    expect(bindAddress('db', snap(variables)).outcome).toBe(outcome);
  });

  it('allows private ranges when asked', () => {
    expect(
      bindAddress('db', snap({ bind_address: '10.0.0.5' }), { allowAddresses: ['private'] }).outcome,
    ).toBe('pass');
  });

  it.each([
    ['10.11.19-MariaDB-0+deb12u1', '10.6', 'pass'],
    ['10.11.19-MariaDB-0+deb12u1', '10.11.20', 'fail'],
    ['10.5.9-MariaDB', '10.6.0', 'fail'],
    ['11.4.2-MariaDB', '10.11', 'pass'],
    ['unknown', '10.6', 'error'],
  ])('version %s against %s → %s', (version, minVersion, outcome) => {
    expect(serverVersion('db', snap({}, version), { minVersion }).outcome).toBe(outcome);
  });
});
