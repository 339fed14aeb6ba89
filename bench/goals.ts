/**
 * The goals a bench measured (issue 14), each beside its figure. A bench appends its goals to
 * the file named by READYSPEC_BENCH_GOALS (bench/all.ts reads them into one table); a goal
 * whose figure could not be measured carries `missing` and no figure, never a made-up one.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface Goal {
  goal: string;
  /** The measured figure, as printed (absent when it could not be measured). */
  figure?: string;
  met?: boolean;
  /** Why there is no figure: a peer not installed, a run whose checks did not pass. */
  missing?: string;
  /** 1-minute load average when the figure was taken. */
  load: number;
}

export const load1 = (): number => loadavg()[0];

export const loadNote = (): string =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

/** Records a measured goal: `met` is computed from the figure, never assumed. */
export function measured(goal: string, figure: string, met: boolean): Goal {
  return record({ goal, figure, met, load: load1() });
}

/** Records a goal that could not be measured, and why. */
export function unmeasured(goal: string, missing: string): Goal {
  return record({ goal, missing, load: load1() });
}

function record(g: Goal): Goal {
  const file = process.env.READYSPEC_BENCH_GOALS;
  if (file) appendFileSync(file, `${JSON.stringify(g)}\n`);
  const state = g.missing ? `not measured: ${g.missing}` : g.met ? 'met' : 'NOT MET';
  process.stderr.write(`goal: ${g.goal}: ${g.figure ?? '-'} (${state}; load ${g.load.toFixed(2)})\n`);
  return g;
}
