/**
 * Who each pool runs as, and who may talk to it: its own user (not root, not the web server's,
 * not another pool's), and a socket nobody else may write (listen.mode and the socket file).
 */
import { fail, inconclusive, pass, type SubjectResult, subject } from '../probe.ts';
import type { FpmConfig } from './read.ts';

export interface PoolUserParams {
  /** Accounts no pool may run as besides root (default www-data, nginx, apache, http). */
  webUsers?: string[];
}

export const DEFAULT_WEB_USERS = ['www-data', 'nginx', 'apache', 'http'];

/**
 * One subject per pool.
 * @example judgePoolUsers(fpm, { webUsers: ['www-data'] })
 */
export function judgePoolUsers(fpm: FpmConfig, p: PoolUserParams): SubjectResult[] {
  const web = p.webUsers ?? DEFAULT_WEB_USERS;
  return fpm.pools.map((pool) => {
    const user = pool.settings.user ?? '';
    const sharing = fpm.pools
      .filter((o) => o !== pool && (o.settings.user ?? '') === user)
      .map((o) => o.name);
    const evidence = {
      observed: { user, group: pool.settings.group ?? null, sharedWith: sharing },
      expected: { notIn: ['root', ...web], unique: true },
      source: fpm.source,
    };
    if (!user || user === 'undefined')
      return subject(pool.name, fail(`${pool.name}: no user set (runs as the master's user)`, evidence));
    if (user === 'root' || user === '0')
      return subject(pool.name, fail(`${pool.name}: runs as root`, evidence));
    if (web.includes(user))
      return subject(pool.name, fail(`${pool.name}: runs as the web server's user ${user}`, evidence));
    if (sharing.length)
      return subject(
        pool.name,
        fail(`${pool.name}: shares user ${user} with ${sharing.join(', ')}`, evidence),
      );
    return subject(pool.name, pass(`${pool.name}: runs as its own user ${user}`, evidence));
  });
}

/** A socket's stat as `MODE OWNER GROUP`, keyed by path (from the stat command), or an error text. */
export type SocketStats = Record<string, { mode: string; owner: string; group: string } | { error: string }>;

/**
 * One subject per pool: a Unix socket whose listen.mode or file grants others write fails; a
 * TCP listener must be on loopback or restricted by listen.allowed_clients.
 * @example judgePoolSockets(fpm, stats)
 */
export function judgePoolSockets(fpm: FpmConfig, stats: SocketStats): SubjectResult[] {
  return fpm.pools.map((pool) => {
    const listen = pool.settings.listen ?? '';
    const mode = pool.settings['listen.mode'] ?? '';
    const evidence = {
      observed: {
        listen,
        mode,
        file: stats[listen] ?? null,
        allowedClients: pool.settings['listen.allowed_clients'] ?? null,
      },
      expected: 'no write for others',
      source: fpm.source,
    };
    if (!listen.startsWith('/')) {
      const clients = pool.settings['listen.allowed_clients'];
      const local = /^(127\.|\[?::1\]?:|localhost:)/.test(listen);
      return subject(
        pool.name,
        local || (clients && clients !== 'undefined')
          ? pass(`${pool.name}: TCP ${listen}, loopback or allowed clients only`, evidence)
          : fail(`${pool.name}: TCP ${listen} accepts any client (no listen.allowed_clients)`, evidence),
      );
    }
    const problems: string[] = [];
    if (/^0?[0-7]{3}$/.test(mode) && Number.parseInt(mode, 8) & 0o002)
      problems.push(`listen.mode ${mode} lets everyone write`);
    const file = stats[listen];
    if (!file)
      return subject(pool.name, inconclusive(`${pool.name}: socket ${listen} was not examined`, evidence));
    if ('error' in file)
      return subject(
        pool.name,
        inconclusive(`${pool.name}: cannot stat socket ${listen}: ${file.error}`, evidence),
      );
    if (Number.parseInt(file.mode, 8) & 0o002) problems.push(`socket file is mode ${file.mode}`);
    return subject(
      pool.name,
      problems.length
        ? fail(`${pool.name}: ${problems.join('; ')}`, evidence)
        : pass(`${pool.name}: socket ${file.mode} ${file.owner}:${file.group}`, evidence),
    );
  });
}
