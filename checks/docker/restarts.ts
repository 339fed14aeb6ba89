import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, judgeContainers, listed, nameList, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface RestartsParams extends Selection {
  /** Highest restart count tolerated (the engine's count since the container was created). */
  max: number;
}

/**
 * Checks that no container keeps restarting (crash loop) beyond `max` restarts.
 * @example await restartCount(src, { max: 3 })
 */
export function restartCount(src: ContainerSource, p: RestartsParams): Promise<ProbeResult> {
  return judgeContainers(src, p, ALL, (list, evidence) => {
    const bad = list
      .filter((c) => c.restartCount > p.max)
      .map((c) => ({ name: c.name, restarts: c.restartCount }));
    const ev = { ...evidence, observed: listed(bad), expected: { max: p.max } };
    return bad.length
      ? fail(
          `${src.host}: ${bad.length} container(s) restarted more than ${p.max} times: ${nameList(bad)}`,
          ev,
        )
      : pass(`${src.host}: all ${list.length} containers restarted at most ${p.max} times`, ev);
  });
}
