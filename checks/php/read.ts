/**
 * Reading PHP-FPM on a host: `php-fpm8.2 -tt -y CONF` prints the effective settings of the
 * master and of every pool (each NOTICE line `key = value`); `php-fpm8.2 -i` the php.ini values
 * pools inherit. With sudo where allowed; whatever keeps them from being read is a ReadError.
 */
import type { ProbeContext } from '../context.ts';
import { ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { type Command, type CommandResult, type CommandTransport, sh } from '../transport/command.ts';

export interface FpmParams {
  /** php-fpm.conf of the host (default /etc/php/8.2/fpm/php-fpm.conf). */
  config?: string;
  /** The php-fpm binary (default php-fpm8.2, sbin directories searched). */
  binary?: string;
  /** php.ini the master uses, when not the binary's default. */
  phpIni?: string;
}

export const DEFAULT_FPM_CONFIG = '/etc/php/8.2/fpm/php-fpm.conf';

const withIni = (p: FpmParams) => (p.phpIni ? ['-c', p.phpIni] : []);

export const fpmCommand = (p: FpmParams): Command =>
  sh`PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" ${p.binary ?? 'php-fpm8.2'} -tt -y ${p.config ?? DEFAULT_FPM_CONFIG} ${withIni(p)}`;
export const iniCommand = (p: FpmParams): Command =>
  sh`PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" ${p.binary ?? 'php-fpm8.2'} -i ${withIni(p)}`;

export interface Pool {
  name: string;
  settings: Record<string, string>;
}

export interface FpmConfig {
  global: Record<string, string>;
  pools: Pool[];
  source: string;
}

const NOTICE = /^\[[^\]]*\] NOTICE: \t?(.*)$/;

/** Pools and global settings from `-tt` output; undefined when it is not that output. */
export function parseFpmDump(text: string): { global: Record<string, string>; pools: Pool[] } | undefined {
  const sections: Pool[] = [];
  for (const line of text.split('\n')) {
    const m = NOTICE.exec(line);
    if (!m) continue;
    const header = /^\[(.+)\]$/.exec(m[1].trim());
    if (header) sections.push({ name: header[1], settings: {} });
    else {
      const kv = /^([^=]+?) = ?(.*)$/.exec(m[1]);
      if (kv && sections.length) sections[sections.length - 1].settings[kv[1].trim()] = kv[2].trim();
    }
  }
  const global = sections.find((s) => s.name === 'global');
  if (!global || !/test is successful/.test(text)) return undefined;
  return { global: global.settings, pools: sections.filter((s) => s !== global) };
}

function why(r: CommandResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').filter((l) => /ERROR|not found|denied/i.test(l));
  return (lines[0] ?? r.stderr.trim().split('\n').at(-1) ?? 'no error output')
    .replace(/^\[[^\]]*\] /, '')
    .slice(0, 400);
}

function unreadable(
  t: CommandTransport,
  r: CommandResult,
  p: FpmParams,
  what: string,
): ReadError | undefined {
  if (r.exitCode === null)
    return new ReadError(`${t.host}: ${what} did not finish (killed without exit status)`);
  if (r.exitCode === 127)
    return new ReadError(
      `${t.host}: ${p.binary ?? 'php-fpm8.2'} not found (is PHP-FPM installed?): ${why(r)}`,
    );
  if (r.exitCode !== 0 && /permission denied/i.test(`${r.stderr}${r.stdout}`))
    return new ReadError(
      `${t.host}: ${what} could not read its configuration (permission denied; audit with sudo): ${why(r)}`,
    );
  if (r.exitCode !== 0)
    return new ReadError(`${t.host}: ${what} exited ${r.exitCode}, nothing to judge: ${why(r)}`);
  return undefined;
}

async function readFpm(t: CommandTransport, p: FpmParams): Promise<FpmConfig> {
  const command = fpmCommand(p);
  const r = await runPreferSudo(t, command);
  const cause = unreadable(t, r, p, 'php-fpm -tt');
  if (cause) throw cause;
  // php-fpm logs its NOTICE lines to stderr (or to stdout when error_log is a tty or syslog).
  const parsed = parseFpmDump(`${r.stderr}\n${r.stdout}`);
  if (!parsed)
    throw new ReadError(
      `${t.host}: cannot parse php-fpm -tt output (no [global] section or no "test is successful")`,
    );
  return { ...parsed, source: sourceOf(t, command) };
}

/** The effective pools, read once per host and command in a run. */
export function readPools(ctx: ProbeContext, t: CommandTransport, p: FpmParams): Promise<FpmConfig> {
  return ctx.shared(`php-fpm-tt:${t.host}:${fpmCommand(p).script}`, () => readFpm(t, p));
}

/** One php.ini value as `php-fpm -i` prints it (`expose_php => Off => Off`, the local value). */
export async function readIni(
  ctx: ProbeContext,
  t: CommandTransport,
  p: FpmParams,
): Promise<Record<string, string>> {
  return ctx.shared(`php-fpm-i:${t.host}:${iniCommand(p).script}`, async () => {
    const r = await runPreferSudo(t, iniCommand(p));
    const cause = unreadable(t, r, p, 'php-fpm -i');
    if (cause) throw cause;
    const values: Record<string, string> = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^([a-z_.0-9]+) => (.*?) => (.*)$/.exec(line);
      if (m) values[m[1]] = m[2] === 'no value' ? '' : m[2];
    }
    if (!('expose_php' in values))
      throw new ReadError(`${t.host}: cannot parse php-fpm -i output (no expose_php line)`);
    return values;
  });
}
