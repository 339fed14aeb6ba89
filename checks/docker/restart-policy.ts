import { fail, type ProbeResult, pass } from '../probe.ts';
import { judgeContainers, listed, nameList, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface RestartPolicyParams extends Selection {
  /** Allowed restart policy names. */
  allowed?: string[];
}

export const DEFAULT_RESTART_POLICIES = ['always', 'unless-stopped', 'on-failure'];

/**
 * Checks that every running container restarts by itself after a crash or a reboot.
 * @example await restartPolicy(src, { allowed: ['unless-stopped'] })
 */
export function restartPolicy(src: ContainerSource, p: RestartPolicyParams): Promise<ProbeResult> {
  const allowed = p.allowed ?? DEFAULT_RESTART_POLICIES;
  return judgeContainers(src, p, RUNNING, (list, evidence) => {
    const bad = list
      .filter((c) => !allowed.includes(c.restartPolicy))
      .map((c) => ({ name: c.name, policy: c.restartPolicy }));
    const ev = { ...evidence, observed: listed(bad), expected: allowed };
    return bad.length
      ? fail(
          `${src.host}: ${bad.length} of ${list.length} with a restart policy outside ${allowed.join('/')}: ${nameList(bad)}`,
          ev,
        )
      : pass(
          `${src.host}: all ${list.length} running containers restart by policy (${allowed.join('/')})`,
          ev,
        );
  });
}
