import { fail, type ProbeResult, pass } from '../probe.ts';
import { ALL, describeState, judgeEach, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface RestartsParams extends Selection {
  /** Highest restart count tolerated (the engine's count since the container was created). */
  max: number;
}

/**
 * Checks that no container keeps restarting (crash loop) beyond `max` restarts, one subject
 * per container, stopped ones included (a crash loop that gave up is exited).
 * @example await restartCount(src, { max: 3 })
 */
export function restartCount(src: ContainerSource, p: RestartsParams): Promise<ProbeResult> {
  return judgeEach(src, p, ALL, ['restartCount'], (c) => {
    const ev = { observed: c.restartCount, expected: { max: p.max } };
    const state = c.running ? '' : ` (${describeState(c)})`;
    return c.restartCount > p.max
      ? fail(`${c.name}: restarted ${c.restartCount} times, more than ${p.max}${state}`, ev)
      : pass(`${c.name}: restarted ${c.restartCount} times, at most ${p.max}${state}`, ev);
  });
}
