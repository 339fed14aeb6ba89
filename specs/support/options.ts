/**
 * Run options from the environment, read once per process. A bad READYSPEC_* variable is the
 * user's mistake: an EnvError with one line per variable saying what it may be, which the
 * global setup and `readyspec validate` print plainly (exit 2), never as a stack trace.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunOptions } from '../../checks/context.ts';

/** The run's options plus the whole-run deadline (run-context.ts). */
export interface AuditOptions extends RunOptions {
  /** Milliseconds the whole run may take from its start; undefined: derived from the plan. */
  runDeadlineMs?: number;
}

/** One or more READYSPEC_* variables hold values readyspec cannot use. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`readyspec: cannot run with this environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

const MAX_TIMEOUT_MS = 3_600_000;
const MAX_CONCURRENCY = 100_000;
const FLAGS = new Map([
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);
// Strict ISO 8601: a date, or a date and time with an optional zone. `new Date()` alone would
// read "1" as 2001 and "2026-02-30" as March 2nd.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const shown = (raw: string) => JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);

export function runOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AuditOptions {
  const problems: string[] = [];
  const set = (name: string) =>
    env[name] === undefined || env[name] === '' ? undefined : (env[name] as string);
  const int = (name: string, fallback: number, max: number, what: string) => {
    const raw = set(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (/^\d+$/.test(raw.trim()) && Number.isInteger(n) && n >= 1 && n <= max) return n;
    problems.push(
      `${name}=${shown(raw)}: must be a whole number of ${what} from 1 to ${max} (default ${fallback})`,
    );
    return fallback;
  };
  const flag = (name: string) => {
    const raw = set(name);
    if (raw === undefined) return false;
    const value = FLAGS.get(raw.trim().toLowerCase());
    if (value === undefined) problems.push(`${name}=${shown(raw)}: must be 1 or true (on), 0 or false (off)`);
    return value ?? false;
  };
  const timeoutMs = int('READYSPEC_TIMEOUT_MS', 10_000, MAX_TIMEOUT_MS, 'milliseconds');
  const concurrency = int('READYSPEC_CONCURRENCY', 256, MAX_CONCURRENCY, 'checks in flight');
  const active = flag('READYSPEC_ACTIVE');
  flag('READYSPEC_SOURCE');
  const now = parseNow(set('READYSPEC_NOW'), problems);
  const runDeadlineMs = parseDeadline(set('READYSPEC_RUN_DEADLINE'), problems);
  const reportsDir = resolve(set('READYSPEC_REPORTS') ?? 'reports');
  if (existsSync(reportsDir) && !statSync(reportsDir).isDirectory())
    problems.push(`READYSPEC_REPORTS=${shown(reportsDir)}: exists and is not a directory`);
  if (problems.length) throw new EnvError(problems);
  return { timeoutMs, concurrency, active, now, reportsDir, ...(runDeadlineMs ? { runDeadlineMs } : {}) };
}

function parseNow(raw: string | undefined, problems: string[]): Date {
  if (raw === undefined) return new Date();
  const m = ISO.exec(raw.trim());
  const d = m ? new Date(m[4] === undefined ? `${raw.trim()}T00:00:00Z` : raw.trim()) : undefined;
  // The calendar date must survive the round trip: 2026-02-30 does not exist.
  const real = m && d && !Number.isNaN(d.getTime()) && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (real) return d;
  problems.push(
    `READYSPEC_NOW=${shown(raw)}: must be an ISO date or timestamp such as 2026-01-31 or 2026-01-31T12:00:00Z`,
  );
  return new Date();
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `900s`, `15m`, `2h`, `500ms` or a plain number of milliseconds; at least one second. */
function parseDeadline(raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const m = DURATION.exec(raw.trim());
  const ms = m ? Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']) : Number.NaN;
  if (ms >= 1000 && ms <= 7 * 86_400_000) return ms;
  problems.push(
    `READYSPEC_RUN_DEADLINE=${shown(raw)}: must be a duration from 1s to 7 days such as 900s, 15m or 2h (a plain number is milliseconds)`,
  );
  return undefined;
}
