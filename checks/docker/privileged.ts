import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, describeState, judgeEach, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that no container is privileged, one subject per container. Stopped ones count:
 * they are privileged again the moment they start.
 * @example await notPrivileged(src, { exclude: ['cadvisor'] })
 */
export function notPrivileged(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeEach(src, p, ALL, ['privileged'], (c) => {
    const ev = { observed: c.privileged, expected: false };
    const state = c.running ? '' : ` (${describeState(c)}; privileged again when started)`;
    return c.privileged
      ? fail(`${c.name}: runs privileged${state}`, ev)
      : pass(`${c.name}: not privileged`, ev);
  });
}
