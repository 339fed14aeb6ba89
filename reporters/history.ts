/**
 * `<reportsDir>/history.jsonl`: one line per run. The next run reads the previous line and
 * that run's results.json to say what is new, fixed and regressed, and how the grade moved.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowOutcome } from './meta.ts';
import type { Results } from './results.ts';

export interface HistoryEntry {
  date: string;
  generatedAt: string;
  score: number | null;
  letter: string;
  ready: boolean;
  counts: Record<RowOutcome, number>;
  /** results.json of that run, relative to the reports directory. */
  results: string;
}

export interface ControlChange {
  id: string;
  target: string;
  subject?: string;
  title: string;
  before: RowOutcome | null;
  now: RowOutcome | null;
}

export interface RunDelta {
  previous: { date: string; generatedAt: string; score: number | null; letter: string; ready: boolean };
  /** Failing now; absent before, or waived / not applicable before. */
  newFailures: ControlChange[];
  /** Failing now, passing before. */
  regressed: ControlChange[];
  /** Failing before, not failing now. */
  fixed: ControlChange[];
  scoreDelta: number | null;
}

const FAILING = new Set<RowOutcome>(['fail', 'error']);

export function historyEntry(results: Results, resultsPath: string): HistoryEntry {
  return {
    date: results.date,
    generatedAt: results.generatedAt,
    score: results.grade.score,
    letter: results.grade.letter,
    ready: results.decision.ready,
    counts: results.counts,
    results: resultsPath,
  };
}

/** Compares this run with the previous one (pure). */
export function diffRuns(
  previous: Pick<Results, 'date' | 'generatedAt' | 'grade' | 'decision' | 'controls'>,
  now: Pick<Results, 'grade' | 'controls'>,
): RunDelta {
  // A subject is its own finding: "web fixed, db regressed" on one host are two changes.
  const key = (c: { id: string; target: string; subject?: string }) =>
    c.subject === undefined ? `${c.id}\u0000${c.target}` : `${c.id}\u0000${c.target}\u0000${c.subject}`;
  const before = new Map(previous.controls.map((c) => [key(c), c]));
  const delta: RunDelta = {
    previous: {
      date: previous.date,
      generatedAt: previous.generatedAt,
      score: previous.grade.score,
      letter: previous.grade.letter,
      ready: previous.decision.ready,
    },
    newFailures: [],
    regressed: [],
    fixed: [],
    scoreDelta:
      previous.grade.score !== null && now.grade.score !== null
        ? Math.round((now.grade.score - previous.grade.score) * 10) / 10
        : null,
  };
  const seen = new Set<string>();
  for (const c of now.controls) {
    const k = key(c);
    seen.add(k);
    const was = before.get(k)?.outcome ?? null;
    const change: ControlChange = { id: c.id, target: c.target, title: c.title, before: was, now: c.outcome };
    if (c.subject !== undefined) change.subject = c.subject;
    const failing = FAILING.has(c.outcome);
    if (failing && was === 'pass') delta.regressed.push(change);
    else if (failing && (was === null || !FAILING.has(was))) delta.newFailures.push(change);
    else if (!failing && was !== null && FAILING.has(was)) delta.fixed.push(change);
  }
  return delta;
}

/** The entries of history.jsonl; a missing file is an empty history, a broken line is skipped. */
export async function readHistory(reportsDir: string): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(join(reportsDir, 'history.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const entries: HistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as HistoryEntry);
    } catch {
      // A hand-edited or truncated line must not stop the report.
    }
  }
  return entries;
}

/** What the reports directory holds of earlier runs: the history and the last run's results. */
export interface PastRuns {
  history: HistoryEntry[];
  /** undefined when there is no earlier run or its results.json is gone. */
  previous: Results | undefined;
}

/** Reads the history once and the previous run's results.json (read before this run writes). */
export async function readPast(reportsDir: string): Promise<PastRuns> {
  const history = await readHistory(reportsDir);
  const last = history.at(-1);
  if (!last) return { history, previous: undefined };
  try {
    return {
      history,
      previous: JSON.parse(await readFile(join(reportsDir, last.results), 'utf8')) as Results,
    };
  } catch {
    return { history, previous: undefined };
  }
}

/** history.jsonl with one more line (written atomically by the caller). */
export function appendHistory(entries: HistoryEntry[], entry: HistoryEntry): string {
  return `${[...entries, entry].map((e) => JSON.stringify(e)).join('\n')}\n`;
}
