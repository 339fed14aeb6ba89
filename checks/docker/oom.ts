import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, judgeContainers, listed, nameList, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that no container's last exit was an OOM kill. Stopped containers count too: a
 * container that died of OOM and stayed down is the case that matters most.
 * @example await neverOomKilled(src, {})
 */
export function neverOomKilled(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeContainers(src, p, ALL, (list, evidence) => {
    const bad = list.filter((c) => c.oomKilled).map((c) => ({ name: c.name, state: c.state }));
    const ev = { ...evidence, observed: listed(bad), expected: 'no OOM-killed container' };
    return bad.length
      ? fail(`${src.host}: ${bad.length} container(s) OOM-killed: ${nameList(bad)}`, ev)
      : pass(`${src.host}: none of ${list.length} containers was OOM-killed`, ev);
  });
}
