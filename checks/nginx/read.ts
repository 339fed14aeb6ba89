/**
 * Reading nginx on a host: `nginx -T` (the effective configuration, every file it read) and
 * `nginx -t`. With sudo where the host allows it (the configuration names root-only keys);
 * anything that keeps the configuration from being read is a ReadError naming the cause.
 */
import type { ProbeContext } from '../context.ts';
import { ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { type Command, type CommandResult, type CommandTransport, sh } from '../transport/command.ts';
import { effectiveConfig } from './dump.ts';
import { ConfigParseError, type Directive } from './parse.ts';
import { type Server, serversOf } from './servers.ts';

export interface NginxParams {
  /** The main configuration file (default /etc/nginx/nginx.conf). */
  config?: string;
  /** The nginx binary (default `nginx`, searched with the sbin directories added to PATH). */
  binary?: string;
}

export const DEFAULT_NGINX_CONFIG = '/etc/nginx/nginx.conf';

// A login shell of a non-root user often lacks the sbin directories where nginx lives.
export const nginxCommand = (p: NginxParams, flag: '-T' | '-t'): Command =>
  sh`PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" ${p.binary ?? 'nginx'} ${flag} -c ${p.config ?? DEFAULT_NGINX_CONFIG}`;

/** The line of nginx's stderr that says why: its [emerg], else the last line. */
export function nginxSaid(r: CommandResult): string {
  const lines = r.stderr.trim().split('\n').filter(Boolean);
  return (lines.find((l) => /\[emerg\]/.test(l)) ?? lines.at(-1) ?? 'no error output')
    .replace(/^nginx: /, '')
    .slice(0, 400);
}

/** A ReadError for the failures that mean "could not tell" (no nginx, no permission, killed); else undefined. */
export function unreadable(t: CommandTransport, r: CommandResult, p: NginxParams): ReadError | undefined {
  const said = nginxSaid(r);
  if (r.exitCode === null)
    return new ReadError(`${t.host}: nginx did not finish (killed without exit status)`);
  if (r.exitCode === 127 || /command not found|not found$/i.test(said))
    return new ReadError(`${t.host}: ${p.binary ?? 'nginx'} not found (is nginx installed?): ${said}`);
  if (r.exitCode !== 0 && /permission denied/i.test(r.stderr))
    return new ReadError(
      `${t.host}: nginx could not read its configuration (permission denied; audit with sudo): ${said}`,
    );
  return undefined;
}

export interface NginxConfig {
  config: Directive[];
  servers: Server[];
  source: string;
}

async function readDump(t: CommandTransport, p: NginxParams): Promise<NginxConfig> {
  const command = nginxCommand(p, '-T');
  const source = sourceOf(t, command);
  const r = await runPreferSudo(t, command);
  const cause = unreadable(t, r, p);
  if (cause) throw cause;
  if (r.exitCode !== 0)
    throw new ReadError(
      `${t.host}: nginx -T rejected the configuration (exit ${r.exitCode}), nothing to judge: ${nginxSaid(r)}`,
    );
  try {
    const config = effectiveConfig(r.stdout, p.config ?? DEFAULT_NGINX_CONFIG);
    return { config, servers: serversOf(config), source };
  } catch (err) {
    if (err instanceof ConfigParseError)
      throw new ReadError(`${t.host}: cannot parse nginx -T output: ${err.message}`);
    throw err;
  }
}

/**
 * The effective configuration, read once per host and command in a run (every nginx control
 * judges the same dump).
 * @example const { servers } = await readNginx(ctx, ssh, { config: '/etc/nginx/nginx.conf' })
 */
export function readNginx(ctx: ProbeContext, t: CommandTransport, p: NginxParams): Promise<NginxConfig> {
  const key = `nginx-T:${t.host}:${nginxCommand(p, '-T').script}`;
  return ctx.shared(key, () => readDump(t, p));
}
