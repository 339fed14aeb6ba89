import { fail, type ProbeResult, pass } from '../probe.ts';
import { judgeEach, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface RestartPolicyParams extends Selection {
  /** Allowed restart policy names. */
  allowed?: string[];
}

export const DEFAULT_RESTART_POLICIES = ['always', 'unless-stopped', 'on-failure'];

/**
 * Checks that each running container restarts by itself after a crash or a reboot, one
 * subject per running container; containers that are not running are left out and listed in
 * the summary's `notRunning` with their exit codes.
 * @example await restartPolicy(src, { allowed: ['unless-stopped'] })
 */
export function restartPolicy(src: ContainerSource, p: RestartPolicyParams): Promise<ProbeResult> {
  const allowed = p.allowed ?? DEFAULT_RESTART_POLICIES;
  return judgeEach(src, p, RUNNING, ['restartPolicy'], (c) => {
    const ev = { observed: c.restartPolicy, expected: allowed };
    return allowed.includes(c.restartPolicy)
      ? pass(`${c.name}: restart policy ${c.restartPolicy}`, ev)
      : fail(`${c.name}: restart policy ${c.restartPolicy}, allowed ${allowed.join('/')}`, ev);
  });
}
