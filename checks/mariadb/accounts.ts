/**
 * MariaDB accounts from mysql.global_priv (10.4+): each authentication method (the `auth_or`
 * alternatives, `{}` standing for the top-level plugin) and whether it carries a credential.
 * Password hashes never leave the server: the query turns every non-empty
 * authentication_string into the word "set" before answering.
 */
import { ReadError } from '../host/read.ts';

export interface AuthMethod {
  plugin: string;
  /** A password hash or plugin string is set (an empty one lets anyone in for password plugins). */
  credential: boolean;
}

export interface Account {
  user: string;
  host: string;
  methods: AuthMethod[];
  locked: boolean;
  role: boolean;
}

export const ACCOUNTS_SQL =
  "SELECT User, Host, IFNULL(JSON_VALUE(Priv, '$.plugin'), ''), IFNULL(JSON_VALUE(Priv, '$.authentication_string'), '') = '', " +
  'REGEXP_REPLACE(IFNULL(JSON_EXTRACT(Priv, \'$.auth_or\'), \'[]\'), \'"authentication_string": *"[^"]+"\', \'"authentication_string": "set"\'), ' +
  "IFNULL(JSON_VALUE(Priv, '$.account_locked'), 'false'), IFNULL(JSON_VALUE(Priv, '$.is_role'), 'false') " +
  'FROM mysql.global_priv ORDER BY User, Host';

/** Plugins that check a password: with an empty credential, any password (or none) is accepted. */
export const PASSWORD_PLUGINS = new Set([
  'mysql_native_password',
  'mysql_old_password',
  'ed25519',
  'parsec',
  'caching_sha2_password',
  'sha256_password',
  '',
]);

const truthy = (v: string | undefined) => v === '1' || v === 'true';

function alternatives(json: string, top: AuthMethod, where: string): AuthMethod[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ReadError(`${where}: auth_or is not JSON: ${json.slice(0, 80)}`);
  }
  if (!Array.isArray(parsed)) throw new ReadError(`${where}: auth_or is not a list`);
  if (parsed.length === 0) return [top];
  return parsed.map((m: { plugin?: unknown; authentication_string?: unknown }) => {
    if (typeof m !== 'object' || m === null)
      throw new ReadError(`${where}: an auth_or entry is not an object`);
    if (m.plugin === undefined && m.authentication_string === undefined) return top;
    return {
      plugin: typeof m.plugin === 'string' ? m.plugin : top.plugin,
      credential: typeof m.authentication_string === 'string' && m.authentication_string !== '',
    };
  });
}

/** Accounts from ACCOUNTS_SQL's rows; a row of another shape is a ReadError, never skipped. */
export function parseAccounts(rows: string[][]): Account[] {
  return rows.map((r) => {
    if (r.length !== 7) throw new ReadError(`mysql.global_priv: a row has ${r.length} fields, expected 7`);
    const [user, host, plugin, empty, authOr, locked, role] = r as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const where = `account ${accountName({ user, host })}`;
    const top = { plugin, credential: empty !== '1' };
    return {
      user,
      host,
      methods: alternatives(authOr, top, where),
      locked: truthy(locked),
      role: truthy(role),
    };
  });
}

/** `user@host` as MariaDB writes it in SHOW GRANTS headers; an empty part shows as ''. */
export function accountName(a: { user: string; host: string }): string {
  return `${a.user === '' ? "''" : a.user}@${a.host === '' ? "''" : a.host}`;
}

/** The account in SQL: backtick identifiers (backslash is literal in them whatever the sql_mode). */
export function accountSql(a: { user: string; host: string; role?: boolean }): string {
  const id = (s: string) => `\`${s.replaceAll('`', '``')}\``;
  return a.role ? id(a.user) : `${id(a.user)}@${id(a.host)}`;
}

/** The methods anyone can pass without a secret: password plugins with no credential. */
export function openMethods(a: Account): AuthMethod[] {
  return a.methods.filter((m) => PASSWORD_PLUGINS.has(m.plugin) && !m.credential);
}
