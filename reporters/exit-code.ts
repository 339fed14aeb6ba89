/**
 * The audit's exit code (README, Exit codes), decided by the grade reporter so that `npm test`
 * and `readyspec run` follow one table. vitest sets 1 for any failed test before the reporter
 * runs; a non-blocking failure in a READY run is not "not ready", so the reporter overrides it.
 *   0 ready · 1 not ready (or a blocking control failed) · 2 invalid policy or usage · 3 the tool failed
 */
import { writeFileSync } from 'node:fs';
import type { Decision } from './decision.ts';
import type { Row } from './rows.ts';

export const EXIT = { ready: 0, notReady: 1, usage: 2, toolFailed: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** `--strict` / READYSPEC_STRICT=1: any failed or inconclusive control makes the run exit 1. */
export function strictFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.READYSPEC_STRICT === '1' || env.READYSPEC_STRICT === 'true';
}

/**
 * Pure: the code of a graded run.
 * @example exitCodeOf({ ready: true, blocking: [] }, rows, { strict: false }) // 0
 */
export function exitCodeOf(decision: Decision, rows: readonly Row[], options: { strict: boolean }): ExitCode {
  if (!decision.ready) return EXIT.notReady;
  if (options.strict && rows.some((r) => r.outcome === 'fail' || r.outcome === 'error')) return EXIT.notReady;
  return EXIT.ready;
}

/**
 * Sets the process's exit code and, under `readyspec run`, tells the command line that the
 * reporter decided it (READYSPEC_EXIT_FILE): an exit 1 without that note is vitest failing
 * before any grade, which the command line reports as 3.
 */
export function settleExit(code: ExitCode, env: NodeJS.ProcessEnv = process.env): void {
  process.exitCode = code;
  const file = env.READYSPEC_EXIT_FILE;
  if (!file) return;
  try {
    writeFileSync(file, `${code}\n`);
  } catch {
    // The code itself still reaches the command line; only the crash/not-ready split is lost.
  }
}

/**
 * One line for a reporter failure, naming the path when it was a file the reporter could
 * not write (an unwritable reports folder), never a stack trace.
 * @example toolFailure(Object.assign(new Error('x'), { code: 'EACCES', path: '/r/2026' }), '/r')
 */
export function toolFailure(err: unknown, reportsDir: string): string {
  const e = (err as { cause?: unknown })?.cause ?? err;
  const code = (e as NodeJS.ErrnoException)?.code;
  const path = (e as NodeJS.ErrnoException)?.path;
  if (code && /^E[A-Z]+$/.test(code)) {
    const where = path ?? reportsDir;
    const why = FS_REASONS[code] ?? code;
    return `readyspec: cannot write the reports: ${where}: ${why} (${code}); set READYSPEC_REPORTS to a writable folder`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `readyspec: the grade reporter failed: ${message.split('\n')[0]}`;
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  ENOENT: 'cannot be created there',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'a file is in the way',
  EISDIR: 'is a directory',
};
