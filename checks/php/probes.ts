/** PHP-FPM probes wired to `host` targets: one subject per pool of the effective configuration. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { guarded, ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { absolutePathSchema, objectSchema, stringsSchema } from '../params-schema.ts';
import { type ProbeResult, perSubject, type SubjectResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { type CommandTransport, sh } from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { judgePoolSockets, judgePoolUsers, type PoolUserParams, type SocketStats } from './identity.ts';
import { type FpmConfig, type FpmParams, fpmCommand, iniCommand, readIni, readPools } from './read.ts';
import {
  judgePoolHardening,
  judgePoolIsolation,
  judgePoolLimits,
  type PoolHardeningParams,
  type PoolLimitsParams,
} from './settings.ts';

const fpmParams = {
  config: absolutePathSchema('php-fpm.conf (default /etc/php/8.2/fpm/php-fpm.conf)'),
  binary: { type: 'string', pattern: '^[^-]', description: 'php-fpm binary (default php-fpm8.2)' },
  phpIni: absolutePathSchema("php.ini the master reads, when not the binary's default"),
};

type Judge<P> = (ctx: ProbeContext, t: CommandTransport, fpm: FpmConfig, p: P) => Promise<SubjectResult[]>;

function poolProbe<P extends FpmParams>(judge: Judge<P>) {
  return async (ctx: ProbeContext, host: HostEntry, params: P): Promise<ProbeResult> => {
    const p = (params ?? {}) as P;
    const t = commandTransport(ctx, host);
    const source = sourceOf(t, fpmCommand(p));
    return guarded(source, async () => {
      const fpm = await readPools(ctx, t, p);
      return perSubject(t.host, 'pools', await judge(ctx, t, fpm, p), { source });
    });
  };
}

/** stat of every pool's Unix socket, `ok|err<TAB>PATH<TAB>…` per socket. */
async function statSockets(t: CommandTransport, fpm: FpmConfig): Promise<SocketStats> {
  const paths = fpm.pools.map((x) => x.settings.listen ?? '').filter((l) => l.startsWith('/'));
  if (!paths.length) return {};
  const r = await runPreferSudo(
    t,
    sh`for f in ${paths}; do if s=$(stat -c ${'%a %U %G'} -- "$f" 2>&1); then printf 'ok\\t%s\\t%s\\n' "$f" "$s"; else printf 'err\\t%s\\t%s\\n' "$f" "$s"; fi; done`,
  );
  if (r.exitCode !== 0)
    throw new ReadError(
      `${t.host}: cannot stat the pools' sockets: ${r.stderr.trim() || `exit ${r.exitCode}`}`,
    );
  const stats: SocketStats = {};
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const [tag, path, rest = ''] = line.split('\t');
    const [mode, owner, group] = rest.split(' ');
    stats[path ?? ''] =
      tag === 'ok' && /^[0-7]{3,4}$/.test(mode ?? '')
        ? { mode, owner, group }
        : { error: rest.split(': ').pop() || rest };
  }
  return stats;
}

const plan = (_h: HostEntry, p: FpmParams) => [fpmCommand(p ?? {})];

export const phpProbes = [
  defineProbe({
    name: 'php.pool-user',
    summary:
      "Every PHP-FPM pool runs as its own user: not root, not the web server's, not another pool's (one subject per pool)",
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...fpmParams,
      webUsers: stringsSchema('Accounts no pool may run as (default www-data, nginx, apache, http)'),
    }),
    run: poolProbe<PoolUserParams & FpmParams>(async (_c, _t, fpm, p) => judgePoolUsers(fpm, p)),
    plan,
  }),
  defineProbe({
    name: 'php.pool-socket',
    summary:
      'No PHP-FPM pool socket is writable by everyone (listen.mode and the socket file); TCP pools only on loopback or allowed clients',
    target: 'host',
    subjects: true,
    params: objectSchema(fpmParams),
    run: poolProbe<FpmParams>(async (_c, t, fpm) => judgePoolSockets(fpm, await statSockets(t, fpm))),
    plan,
  }),
  defineProbe({
    name: 'php.pool-limits',
    summary:
      'Every PHP-FPM pool bounds its workers (pm.max_children) and its requests (request_terminate_timeout)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...fpmParams,
      maxChildren: { type: 'integer', minimum: 1, description: 'Highest pm.max_children allowed' },
    }),
    run: poolProbe<PoolLimitsParams & FpmParams>(async (_c, _t, fpm, p) => judgePoolLimits(fpm, p)),
    plan,
  }),
  defineProbe({
    name: 'php.pool-isolation',
    summary:
      'Every PHP-FPM pool has its own open_basedir, session.save_path and upload_tmp_dir (not shared, not /tmp)',
    target: 'host',
    subjects: true,
    params: objectSchema(fpmParams),
    run: poolProbe<FpmParams>(async (_c, _t, fpm) => judgePoolIsolation(fpm)),
    plan,
  }),
  defineProbe({
    name: 'php.pool-hardening',
    summary:
      "Every PHP-FPM pool has expose_php off and disables the policy's functions (the pool's values, else php.ini's)",
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...fpmParams,
      disableFunctions: stringsSchema('Functions each pool must disable, e.g. exec, system'),
    }),
    run: poolProbe<PoolHardeningParams & FpmParams>(async (ctx, t, fpm, p) =>
      judgePoolHardening(fpm, await readIni(ctx, t, p), p),
    ),
    plan: (_h: HostEntry, p: FpmParams) => [fpmCommand(p ?? {}), iniCommand(p ?? {})],
  }),
];
