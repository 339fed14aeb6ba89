/**
 * A run ends with whoever started it. Killing `npm test` with SIGKILL leaves vitest running
 * as an orphan (nothing tells it), probing for as long as the run deadline allows. The main
 * process watches the processes that started it (its parent, and up to npm when npm ran it)
 * and, once one is gone, exits: its exit handlers and the watcher of local commands
 * (checks/transport/process-groups.ts) take every command it started with it.
 */
import { readFileSync } from 'node:fs';

const POLL_MS = 1000;

/** pid and start time (field 22 of /proc/pid/stat): a reused pid is not the same process. */
interface Watched {
  pid: number;
  start: string;
}

function stat(pid: number): { ppid: number; start: string; name: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { ppid: Number(fields[1]), start: fields[19] ?? '', name };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The processes whose end ends the run: the parent, and the chain up to npm when npm started it. */
function starters(): Watched[] {
  const out: Watched[] = [];
  let pid = process.ppid;
  const viaNpm = process.env.npm_lifecycle_event !== undefined;
  for (let depth = 0; pid > 1 && depth < 4; depth++) {
    const s = stat(pid);
    if (!s) break;
    out.push({ pid, start: s.start });
    if (!viaNpm || /(^|\/)npm(-cli\.js)?( |$)|npm-cli/.test(cmdline(pid))) break;
    pid = s.ppid;
  }
  return out;
}

/** Starts the watch (Linux /proc; elsewhere it does nothing). Unref'd: it never keeps the run alive. */
export function guardAgainstOrphaning(exit: (why: string) => void = defaultExit): void {
  const watched = starters();
  if (watched.length === 0) return;
  const timer = setInterval(() => {
    const gone = watched.find((w) => stat(w.pid)?.start !== w.start);
    if (!gone) return;
    clearInterval(timer);
    exit(`readyspec: the process that started this run (pid ${gone.pid}) is gone; stopping the run`);
  }, POLL_MS);
  timer.unref();
}

function defaultExit(why: string): void {
  process.stderr.write(`\n${why}\n`);
  process.exit(3);
}
