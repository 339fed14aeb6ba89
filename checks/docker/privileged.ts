import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, judgeContainers, listed, nameList, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that no container is privileged. Stopped ones count: they are privileged again the
 * moment they start.
 * @example await notPrivileged(src, { exclude: ['cadvisor'] })
 */
export function notPrivileged(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeContainers(src, p, ALL, (list, evidence) => {
    const bad = list.filter((c) => c.privileged).map((c) => ({ name: c.name, state: c.state }));
    const ev = { ...evidence, observed: listed(bad), expected: 'no privileged container' };
    return bad.length
      ? fail(`${src.host}: ${bad.length} privileged container(s): ${nameList(bad)}`, ev)
      : pass(`${src.host}: none of ${list.length} containers is privileged`, ev);
  });
}
