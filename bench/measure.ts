/** Runs a command under GNU time and returns its wall time, peak RSS and output. */
import { spawnSync } from 'node:child_process';

export interface Measured {
  wallMs: number;
  peakMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', 'RESOURCE %e %M', cmd, ...args], {
    env,
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('RESOURCE '));
  if (!line)
    throw new Error(
      `bench: ${cmd} ${args.join(' ')} gave no timing (status ${r.status}):\n${r.stderr.slice(-2000)}`,
    );
  const [, seconds, kb] = line.split(' ');
  return {
    wallMs: Number(seconds) * 1000,
    peakMb: Number(kb) / 1024,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
