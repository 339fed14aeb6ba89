/**
 * MariaDB read over the host's SSH connection with the host's own `mariadb` client: SELECT and
 * SHOW statements only (refused here otherwise), several per client call, each result set
 * opened by a marker row so an empty result or a failed statement is told apart from the next.
 * A password travels on stdin as an option file (`--defaults-extra-file=/dev/stdin`), never in
 * the script, which `ps`, plan mode and evidence show; without one the client authenticates by
 * the host's socket (unix_socket) as the SSH user, or as root with `sudo`.
 */
import type { SecretRef } from '../../policies/types.ts';
import { ReadError } from '../host/read.ts';
import { type Command, type CommandTransport, commandLine, sh } from '../transport/command.ts';

export interface MariaDbConnection {
  /** MariaDB account (default: the client's own default, the SSH user's name). */
  user?: string;
  /** Its password, from the environment or a file; sent on stdin only. */
  password?: SecretRef;
  /** The server's socket on the host (default: the client's configured one). */
  socket?: string;
  /** TCP instead of the socket: address and port on the host. */
  address?: string;
  port?: number;
  /** An option file on the host with the credentials (e.g. /etc/mysql/debian.cnf). */
  defaultsFile?: string;
  /** Run the client through `sudo -n` (root's socket authentication); the host must allow sudo. */
  sudo?: boolean;
  /** Client program (default `mariadb`; `mysql` on older hosts). */
  client?: string;
}

/** One statement's answer: its rows (batch-mode fields unescaped), or the server's error line. */
export type StatementResult = { rows: string[][] } | { error: string };

const READ_ONLY = /^\s*(SELECT|SHOW)\b/i;
// Three fields: batch mode escapes tabs inside values, so no row of a one- or two-column
// answer (SHOW GRANTS, SHOW DATABASES, variables) can look like a marker.
const MARKER = /^readyspec-result\t(\d+)\tmarker$/;

/** The client call for `statements`, each on its own line after its marker (for error line numbers). */
export function clientCommand(c: MariaDbConnection, statements: string[], timeoutMs: number): Command {
  for (const s of statements) {
    if (!READ_ONLY.test(s) || s.includes('\n')) throw new Error(`readyspec: not a one-line read: ${s}`);
  }
  const script = statements
    .flatMap((s, i) => [`SELECT 'readyspec-result', ${i}, 'marker';`, `${s};`])
    .join('\n');
  const extra = c.password
    ? ['--defaults-extra-file=/dev/stdin']
    : c.defaultsFile
      ? [`--defaults-extra-file=${c.defaultsFile}`]
      : [];
  const options = [
    ...extra,
    '--batch',
    '--skip-column-names',
    '--force',
    `--connect-timeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`,
    ...(c.user ? [`--user=${c.user}`] : []),
    ...(c.socket ? [`--socket=${c.socket}`] : []),
    ...(c.address ? [`--host=${c.address}`, '--protocol=TCP'] : []),
    ...(c.port ? [`--port=${c.port}`] : []),
  ];
  return sh`${c.client ?? 'mariadb'} ${options} -e ${script}`;
}

/** An option file's password line: quoted, backslash and quote escaped (MariaDB option-file rules). */
export function passwordFile(password: string): string {
  if (/[\n\r\0]/.test(password)) throw new ReadError('the MariaDB password holds a line break or NUL');
  return `[client]\npassword="${password.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"\n`;
}

/** Undoes batch mode's escapes (\\t \\n \\0 \\\\) in one field. */
function unescapeField(field: string): string {
  return field.replace(
    /\\([tn0\\])/g,
    (_, c: string) => ({ t: '\t', n: '\n', '0': '\0', '\\': '\\' })[c] ?? c,
  );
}

/** Splits the client's output by markers and attributes `ERROR … at line N` lines to statements. */
export function parseResults(stdout: string, stderr: string, count: number): StatementResult[] {
  const rows: (string[][] | undefined)[] = Array.from({ length: count }, () => undefined);
  let current = -1;
  for (const line of stdout.split('\n')) {
    const m = MARKER.exec(line);
    if (m) {
      current = Number(m[1]);
      rows[current] = [];
    } else if (line !== '' && current >= 0) rows[current]?.push(line.split('\t').map(unescapeField));
  }
  const errors = new Map<number, string>();
  for (const line of stderr.split('\n')) {
    const m = /^(ERROR \d+ \([0-9A-Z]+\)) at line (\d+): (.*)$/.exec(line.trim());
    // Statement i sits on line 2i+2 of the script (its marker on 2i+1).
    if (m && Number(m[2]) % 2 === 0) errors.set(Number(m[2]) / 2 - 1, `${m[1]}: ${m[3]}`);
  }
  return rows.map((r, i) => {
    const error = errors.get(i);
    if (error) return { error };
    return r ? { rows: r } : { error: 'no answer (the client stopped before this statement)' };
  });
}

/** The client's own failure (cannot connect, access denied, not installed) in words. */
function callFailure(
  t: CommandTransport,
  command: Command,
  exitCode: number | null,
  stderr: string,
): ReadError {
  const said = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ') || 'no error output';
  const client = command.script.split(' ')[0];
  if (exitCode === 127)
    return new ReadError(`${t.host}: the ${client} client is not installed (or not on PATH): ${said}`);
  if (/^sudo: /m.test(stderr)) return new ReadError(`${t.host}: sudo refused to run ${client}: ${said}`);
  return new ReadError(
    `${t.host}: ${client} could not read the server (exit ${exitCode ?? 'by signal'}): ${said}`,
  );
}

/**
 * Runs read-only statements in one client call; rejects with a ReadError when the client
 * cannot connect at all, resolves per statement otherwise.
 * @example await readStatements(ssh, { user: 'audit', password: { env: 'DB_AUDIT' } }, 'pw', ['SELECT VERSION()'], 10_000)
 */
export async function readStatements(
  t: CommandTransport,
  c: MariaDbConnection,
  password: string | undefined,
  statements: string[],
  timeoutMs: number,
): Promise<{ results: StatementResult[]; source: string }> {
  const command = clientCommand(c, statements, timeoutMs);
  const source = `${t.host}:${commandLine({ ...command, script: command.script.split(' -e ')[0] ?? '' })}`;
  const stdin = c.password ? passwordFile(password ?? '') : undefined;
  const r = await t.run(command, { sudo: c.sudo === true, ...(stdin ? { stdin } : {}) });
  const results = parseResults(r.stdout, r.stderr, statements.length);
  // --force keeps going past a failed statement; a call where nothing answered failed as a whole.
  if (r.exitCode !== 0 && results.every((x) => 'error' in x && x.error.startsWith('no answer')))
    throw callFailure(t, command, r.exitCode, r.stderr);
  return { results, source };
}
