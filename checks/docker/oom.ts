import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, describeState, judgeEach, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that no container's last exit was an OOM kill, one subject per container. Stopped
 * containers count too: one that died of OOM and stayed down is the case that matters most
 * (its exit code and end time are in the evidence).
 * @example await neverOomKilled(src, {})
 */
export function neverOomKilled(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeEach(src, p, ALL, ['oomKilled'], (c) => {
    const ev = { observed: c.oomKilled, expected: false };
    return c.oomKilled
      ? fail(`${c.name}: last exit was an OOM kill (${describeState(c)})`, ev)
      : pass(`${c.name}: not OOM-killed (${describeState(c)})`, ev);
  });
}
