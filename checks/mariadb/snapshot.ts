/**
 * What the MariaDB probes read, once per host and connection for the whole run: version,
 * network variables, accounts and databases in one client call; the accounts' grants in a
 * second call, only when a grants check asks. Each part keeps its own error, so a check
 * whose statement failed (e.g. no SELECT on mysql) is `error` while the others still judge.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { ReadError } from '../host/read.ts';
import { commandTransport } from '../transport/hosts.ts';
import { ACCOUNTS_SQL, type Account, accountName, accountSql, parseAccounts } from './accounts.ts';
import { type MariaDbConnection, readStatements, type StatementResult } from './client.ts';

export const SERVER_SQL = [
  'SELECT VERSION()',
  "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('bind_address', 'skip_networking', 'port')",
  ACCOUNTS_SQL,
  'SHOW DATABASES',
] as const;

/** A part of the read: its value, or the reason it could not be read. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ServerSnapshot {
  source: string;
  version: Part<string>;
  variables: Part<Record<string, string>>;
  accounts: Part<Account[]>;
  databases: Part<string[]>;
}

// Accounts past this many are not read: a hostile server cannot make the audit unbounded.
const MAX_ACCOUNTS = 5000;
const GRANTS_PER_CALL = 200;

function part<T>(r: StatementResult | undefined, what: string, read: (rows: string[][]) => T): Part<T> {
  if (!r) return { ok: false, error: `${what}: no answer` };
  if ('error' in r) return { ok: false, error: `${what}: ${r.error}` };
  try {
    return { ok: true, value: read(r.rows) };
  } catch (err) {
    if (err instanceof ReadError) return { ok: false, error: `${what}: ${err.message}` };
    throw err;
  }
}

/** The connection params the probes share, as the cache key (the secret by reference, never by value). */
function key(host: HostEntry, c: MariaDbConnection): string {
  return `mariadb:${host.name}:${JSON.stringify(c)}`;
}

async function readServer(ctx: ProbeContext, host: HostEntry, c: MariaDbConnection): Promise<ServerSnapshot> {
  const t = commandTransport(ctx, host);
  const password = ctx.secret(c.password);
  if (c.password && password === undefined)
    throw new ReadError(`${host.name}: the MariaDB password ${JSON.stringify(c.password)} is not set`);
  const { results, source } = await readStatements(t, c, password, [...SERVER_SQL], ctx.options.timeoutMs);
  const [version, variables, accounts, databases] = results;
  return {
    source,
    version: part(version, 'SELECT VERSION()', (rows) => {
      const v = rows[0]?.[0];
      if (!v) throw new ReadError('empty answer');
      return v;
    }),
    variables: part(variables, 'SHOW GLOBAL VARIABLES', (rows) =>
      Object.fromEntries(rows.map((r) => [r[0] ?? '', r[1] ?? ''])),
    ),
    accounts: part(accounts, 'mysql.global_priv', (rows) => {
      if (rows.length > MAX_ACCOUNTS) throw new ReadError(`more than ${MAX_ACCOUNTS} accounts`);
      return parseAccounts(rows);
    }),
    databases: part(databases, 'SHOW DATABASES', (rows) => rows.map((r) => r[0] ?? '')),
  };
}

/** @example const snap = await serverSnapshot(ctx, host, { user: 'audit', password: { env: 'DB_AUDIT' } }) */
export function serverSnapshot(
  ctx: ProbeContext,
  host: HostEntry,
  c: MariaDbConnection,
): Promise<ServerSnapshot> {
  return ctx.shared(key(host, c), () => readServer(ctx, host, c));
}

/** Every account's and role's SHOW GRANTS lines, by accountName (roles by their name). */
export function grantsOf(
  ctx: ProbeContext,
  host: HostEntry,
  c: MariaDbConnection,
  accounts: Account[],
): Promise<Map<string, Part<string[]>>> {
  return ctx.shared(`${key(host, c)}:grants`, async () => {
    const t = commandTransport(ctx, host);
    const statements = accounts.map((a) => `SHOW GRANTS FOR ${accountSql(a)}`);
    // Chunks keep one command line well under the host's argument limit.
    const results: StatementResult[] = [];
    for (let i = 0; i < statements.length; i += GRANTS_PER_CALL) {
      const chunk = statements.slice(i, i + GRANTS_PER_CALL);
      results.push(
        ...(await readStatements(t, c, ctx.secret(c.password), chunk, ctx.options.timeoutMs)).results,
      );
    }
    return new Map(
      accounts.map((a, i) => [
        a.role ? a.user : accountName(a),
        part(results[i], `SHOW GRANTS FOR ${accountName(a)}`, (rows) => rows.map((r) => r[0] ?? '')),
      ]),
    );
  });
}
