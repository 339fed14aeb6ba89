/**
 * Limits, isolation and hardening of each pool: pm.max_children and request_terminate_timeout
 * set; open_basedir, session.save_path and upload_tmp_dir of its own (not shared, not /tmp);
 * expose_php off and the policy's functions disabled (the pool's value, else php.ini's).
 */
import { fail, pass, type SubjectResult, subject } from '../probe.ts';
import { iniOn, poolIni } from './pool-settings.ts';
import type { FpmConfig } from './read.ts';

export interface PoolLimitsParams {
  /** Highest pm.max_children allowed (default: any, but it must be set). */
  maxChildren?: number;
}

const seconds = (v: string | undefined) => {
  const m = /^(\d+)([smhd]?)$/.exec(v ?? '');
  return m ? Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1) : 0;
};

/** @example judgePoolLimits(fpm, { maxChildren: 20 }) */
export function judgePoolLimits(fpm: FpmConfig, p: PoolLimitsParams): SubjectResult[] {
  return fpm.pools.map((pool) => {
    const children = Number(pool.settings['pm.max_children'] ?? 0);
    const timeout = pool.settings.request_terminate_timeout ?? '0';
    const problems: string[] = [];
    if (!children) problems.push('pm.max_children not set');
    else if (p.maxChildren !== undefined && children > p.maxChildren)
      problems.push(`pm.max_children ${children} above ${p.maxChildren}`);
    if (!seconds(timeout)) problems.push('request_terminate_timeout not set (requests may run forever)');
    const evidence = {
      observed: { 'pm.max_children': children, request_terminate_timeout: timeout },
      expected: { maxChildren: p.maxChildren ?? 'set', request_terminate_timeout: 'set' },
      source: fpm.source,
    };
    return subject(
      pool.name,
      problems.length
        ? fail(`${pool.name}: ${problems.join('; ')}`, evidence)
        : pass(`${pool.name}: at most ${children} children, requests end after ${timeout}`, evidence),
    );
  });
}

const ISOLATED = ['open_basedir', 'session.save_path', 'upload_tmp_dir'];
const SHARED_DIRS = ['/tmp', '/var/tmp', '/dev/shm', '/var/lib/php/sessions'];

/** @example judgePoolIsolation(fpm) */
export function judgePoolIsolation(fpm: FpmConfig): SubjectResult[] {
  return fpm.pools.map((pool) => {
    const values = Object.fromEntries(ISOLATED.map((k) => [k, poolIni(pool, k) ?? null]));
    const problems = ISOLATED.flatMap((k) => {
      const v = values[k];
      if (!v) return [`${k} not set for the pool`];
      const dirs = v.split(':').map((d) => d.replace(/\/+$/, '') || '/');
      if (dirs.some((d) => SHARED_DIRS.includes(d) || d === '/'))
        return [`${k} ${v} is shared by every site`];
      const others = fpm.pools.filter((o) => o !== pool && poolIni(o, k) === v).map((o) => o.name);
      return others.length ? [`${k} ${v} also used by ${others.join(', ')}`] : [];
    });
    const evidence = { observed: values, expected: 'set per pool, not shared', source: fpm.source };
    return subject(
      pool.name,
      problems.length
        ? fail(`${pool.name}: ${problems.join('; ')}`, evidence)
        : pass(`${pool.name}: own open_basedir, sessions and upload temp directory`, evidence),
    );
  });
}

export interface PoolHardeningParams {
  /** Functions each pool must disable (default none required). */
  disableFunctions?: string[];
}

/** @example judgePoolHardening(fpm, ini, { disableFunctions: ['exec', 'system'] }) */
export function judgePoolHardening(
  fpm: FpmConfig,
  ini: Record<string, string>,
  p: PoolHardeningParams,
): SubjectResult[] {
  const required = p.disableFunctions ?? [];
  return fpm.pools.map((pool) => {
    const expose = poolIni(pool, 'expose_php') ?? ini.expose_php ?? '';
    const disabledText = poolIni(pool, 'disable_functions') ?? ini.disable_functions ?? '';
    const disabled = disabledText
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((f) => f.toLowerCase());
    const missing = required.filter((f) => !disabled.includes(f.toLowerCase()));
    const problems = [
      iniOn(expose)
        ? `expose_php ${expose}${poolIni(pool, 'expose_php') === undefined ? ' (php.ini)' : ''}`
        : '',
      missing.length ? `not disabled: ${missing.join(', ')}` : '',
    ].filter(Boolean);
    const evidence = {
      observed: { expose_php: expose, disable_functions: disabled },
      expected: { expose_php: 'Off', disable_functions: required },
      source: fpm.source,
    };
    return subject(
      pool.name,
      problems.length
        ? fail(`${pool.name}: ${problems.join('; ')}`, evidence)
        : pass(
            `${pool.name}: expose_php off${required.length ? `, ${required.length} functions disabled` : ''}`,
            evidence,
          ),
    );
  });
}
