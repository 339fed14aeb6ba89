import { fail, type ProbeResult, pass } from '../probe.ts';
import { judgeContainers, listed, nameList, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that every running container defines a healthcheck (image or run options).
 * @example await healthcheckDefined(src, { exclude: ['*-job'] })
 */
export function healthcheckDefined(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeContainers(src, p, RUNNING, (list, evidence) => {
    const without = list.filter((c) => !c.healthcheck).map((c) => ({ name: c.name }));
    const ev = {
      ...evidence,
      observed: listed(without),
      expected: 'a healthcheck on every running container',
    };
    return without.length
      ? fail(
          `${src.host}: ${without.length} of ${list.length} without a healthcheck: ${nameList(without)}`,
          ev,
        )
      : pass(`${src.host}: all ${list.length} running containers define a healthcheck`, ev);
  });
}
