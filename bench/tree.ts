/**
 * Runs a command and measures the whole process tree it starts: wall time, and peak RSS as the
 * highest sum over the tree of every process's RSS, sampled from /proc every 20 ms, or GNU
 * time's peak of its largest single process when that is higher (a peak between two samples).
 * Asynchronous, so a server in the bench's own process keeps answering during the run.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeMeasured {
  wallMs: number;
  peakMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const PAGE_KB = 4;
const SAMPLE_MS = 20;

/** RSS in kB of `root` and all its descendants, from /proc (a process gone meanwhile counts 0). */
export function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * PAGE_KB);
      const own = children.get(ppid);
      if (own) own.push(pid);
      else children.set(ppid, [pid]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let total = 0;
  const queue = [root];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    total += rss.get(queue[i]) ?? 0;
    queue.push(...(children.get(queue[i]) ?? []));
  }
  return total;
}

/** @example const m = await measureTree(process.execPath, [vitest, 'run'], env, root) */
export function measureTree(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs = 600_000,
): Promise<TreeMeasured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'RESOURCE %e %M', cmd, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    const sampler = setInterval(() => {
      if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
    }, SAMPLE_MS);
    const limit = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearInterval(sampler);
      clearTimeout(limit);
      reject(err);
    });
    child.on('close', (status) => {
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      clearTimeout(limit);
      const line = stderr.split('\n').find((l) => l.startsWith('RESOURCE '));
      const largestKb = line ? Number(line.split(' ')[2]) : 0;
      resolve({ wallMs, peakMb: Math.max(peakKb, largestKb) / 1024, status, stdout, stderr });
    });
  });
}
