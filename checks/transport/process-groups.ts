/**
 * The process groups of local commands still running, so none outlives the run however it
 * ends. Each command is its own group (spawned detached: a timeout kills the whole pipeline),
 * which also takes it out of reach of the terminal's Ctrl-C and of its parent's death. So:
 * on a normal exit the groups are killed here; and a small watcher process, started with the
 * first command, holds a pipe from this process: when the pipe closes because this process
 * died (SIGKILL, SIGTERM, a crash), the watcher kills every group still listed, then exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const groups = new Set<number>();
let watcher: ChildProcess | undefined;

// Ignores the signals that kill a run, so it outlives it; ends when its input does.
const WATCHER = `
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const groups = new Set();
let rest = '';
const killAll = () => {
  for (const g of groups) try { process.kill(-g, 'SIGKILL'); } catch {}
  process.exit(0);
};
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const l of lines) (l[0] === '+' ? groups.add(Number(l.slice(1))) : groups.delete(Number(l.slice(1))));
});
process.stdin.on('end', killAll);
process.stdin.on('error', killAll);
`;

function send(line: string): void {
  if (!watcher) {
    watcher = spawn(process.execPath, ['-e', WATCHER], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    watcher.on('error', () => {
      watcher = undefined;
    });
    watcher.stdin?.on('error', () => {});
    // Neither the watcher nor its pipe keeps this process alive.
    watcher.unref();
    (watcher.stdin as unknown as { unref?: () => void }).unref?.();
  }
  watcher.stdin?.write(`${line}\n`);
}

/** A command's group is running (its pid is the group id). */
export function trackGroup(pgid: number): void {
  groups.add(pgid);
  send(`+${pgid}`);
}

/** A command's group is done. */
export function untrackGroup(pgid: number): void {
  if (groups.delete(pgid)) send(`-${pgid}`);
}

/** Kills every group still running (synchronous: safe in an exit handler). */
export function killTrackedGroups(): void {
  for (const g of groups) {
    try {
      process.kill(-g, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  groups.clear();
}

process.on('exit', killTrackedGroups);
