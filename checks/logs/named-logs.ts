/**
 * The log files a host's services name in their configuration: nginx's access_log and
 * error_log (every level of the effective configuration), PHP-FPM's error_log, slowlog,
 * access.log and each pool's php error_log.
 */
import type { ProbeContext } from '../context.ts';
import type { Directive } from '../nginx/parse.ts';
import type { NginxParams } from '../nginx/read.ts';
import { readNginx } from '../nginx/read.ts';
import { poolIni } from '../php/pool-settings.ts';
import { readPools } from '../php/read.ts';
import type { CommandTransport } from '../transport/command.ts';

export interface NamedLogsParams {
  /** Which configurations name the logs (default both). */
  sources?: ('nginx' | 'php-fpm')[];
  nginxConfig?: string;
  fpmConfig?: string;
  /** More log files that must be rotated. */
  extraLogs?: string[];
}

export interface NamedLog {
  path: string;
  /** Where it is named: `nginx /etc/nginx/sites-enabled/a.conf:12`, `php-fpm pool alpha slowlog`. */
  namedBy: string;
}

const fileTarget = (v: string | undefined) => !!v && v.startsWith('/') && !v.startsWith('/dev/');

function nginxLogs(config: Directive[]): NamedLog[] {
  const out: NamedLog[] = [];
  const walk = (ds: Directive[]) => {
    for (const d of ds) {
      if ((d.name === 'access_log' || d.name === 'error_log') && fileTarget(d.args[0]))
        out.push({ path: d.args[0], namedBy: `nginx ${d.name} ${d.file}:${d.line}` });
      if (d.block) walk(d.block);
    }
  };
  walk(config);
  return out;
}

/** Every named log, once (the first place naming it). ReadErrors from nginx or php-fpm propagate. */
export async function namedLogs(
  ctx: ProbeContext,
  t: CommandTransport,
  p: NamedLogsParams,
): Promise<NamedLog[]> {
  const sources = p.sources ?? ['nginx', 'php-fpm'];
  const logs: NamedLog[] = [];
  if (sources.includes('nginx')) {
    const n: NginxParams = p.nginxConfig ? { config: p.nginxConfig } : {};
    logs.push(...nginxLogs((await readNginx(ctx, t, n)).config));
  }
  if (sources.includes('php-fpm')) {
    const fpm = await readPools(ctx, t, p.fpmConfig ? { config: p.fpmConfig } : {});
    if (fileTarget(fpm.global.error_log))
      logs.push({ path: fpm.global.error_log, namedBy: 'php-fpm error_log' });
    for (const pool of fpm.pools)
      for (const [key, value] of [
        ['slowlog', pool.settings.slowlog],
        ['access.log', pool.settings['access.log']],
        ['php error_log', poolIni(pool, 'error_log')],
      ] as const)
        if (fileTarget(value))
          logs.push({ path: value as string, namedBy: `php-fpm pool ${pool.name} ${key}` });
  }
  for (const path of p.extraLogs ?? []) logs.push({ path, namedBy: 'policy' });
  const seen = new Set<string>();
  return logs.filter((l) => !seen.has(l.path) && seen.add(l.path));
}
