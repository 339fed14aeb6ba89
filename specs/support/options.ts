/** Run options from the environment, read once per process. */
import { resolve } from 'node:path';
import type { RunOptions } from '../../checks/context.ts';

export function runOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`readyspec: ${name} must be a positive whole number (got "${raw}")`);
    return n;
  };
  const now = env.READYSPEC_NOW ? new Date(env.READYSPEC_NOW) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new Error(`readyspec: READYSPEC_NOW is not a date (got "${env.READYSPEC_NOW}")`);
  return {
    timeoutMs: int('READYSPEC_TIMEOUT_MS', 10_000),
    concurrency: int('READYSPEC_CONCURRENCY', 256),
    active: env.READYSPEC_ACTIVE === '1' || env.READYSPEC_ACTIVE === 'true',
    now,
    reportsDir: resolve(env.READYSPEC_REPORTS ?? 'reports'),
  };
}
