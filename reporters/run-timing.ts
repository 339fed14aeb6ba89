/**
 * When a run began and how long it took, for its provenance. A run's own process began it
 * (vitest's start, before the policy loaded); a `--merge-reports` run took as long as the
 * shards' tests span, which their blobs record, not as long as the merge. READYSPEC_NOW, when
 * set, is the start written (documents of a pinned clock stay byte-identical run to run; the
 * duration is always measured).
 */
import type { TestModule } from 'vitest/node';
import { runNow } from './clock.ts';

export interface RunTiming {
  startedAt: Date;
  durationMs: number | null;
}

/** The span of the modules' recorded runs (start of the first to end of the last), if any. */
export function modulesSpan(modules: ReadonlyArray<TestModule>): { start: number; end: number } | undefined {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const m of modules)
    for (const test of m.children.allTests()) {
      const d = test.diagnostic();
      if (!d?.startTime) continue;
      start = Math.min(start, d.startTime);
      end = Math.max(end, d.startTime + d.duration);
    }
  return Number.isFinite(start) ? { start, end } : undefined;
}

export function runTiming(
  modules: ReadonlyArray<TestModule>,
  merged: boolean,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): RunTiming {
  const span = merged ? modulesSpan(modules) : undefined;
  const began = span ? span.start : now - process.uptime() * 1000;
  const durationMs = span ? span.end - span.start : now - began;
  return { startedAt: env.READYSPEC_NOW ? runNow(env) : new Date(began), durationMs };
}
