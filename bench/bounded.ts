/**
 * Runs one command with a deadline and measures its wall time. The command leads its own process
 * group, so on timeout the whole group it started (testssl's openssl children, npm's vitest…) is
 * killed by that group's pid.
 */
import { spawn } from 'node:child_process';

export interface BoundedRun {
  wallMs: number;
  status: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const KEEP = 4 * 1024 * 1024;

export function runBounded(
  cmd: string,
  args: string[],
  o: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<BoundedRun> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, detached: true });
    // Nothing here reads its standard input (openssl s_client would wait on it).
    child.stdin.end();
    let [stdout, stderr, timedOut] = ['', '', false];
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < KEEP) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < KEEP) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, o.timeoutMs);
    let finished = false;
    const finish = (status: number | null, err?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done({
        wallMs: performance.now() - started,
        status,
        timedOut,
        stdout,
        stderr: err ? `${stderr}${err.message}` : stderr,
      });
    };
    child.on('error', (err) => finish(null, err));
    child.on('close', (status) => finish(status));
  });
}
