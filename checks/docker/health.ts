import { fail, notApplicable, type ProbeResult, pass } from '../probe.ts';
import { judgeContainers, listed, nameList, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that every running container with a healthcheck reports `healthy`; lists the
 * unhealthy and still-starting ones.
 * @example await containersHealthy(src, { exclude: ['backup-*'] })
 */
export function containersHealthy(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeContainers(src, p, RUNNING, (list, evidence) => {
    const checked = list.filter((c) => c.healthcheck);
    const bad = checked
      .filter((c) => c.health !== 'healthy')
      .map((c) => ({ name: c.name, health: c.health ?? 'none' }));
    const ev = { ...evidence, checked: checked.length, observed: listed(bad), expected: 'healthy' };
    // Nothing measured is not a pass: docker.healthcheck is the control that wants them defined.
    if (checked.length === 0)
      return notApplicable(`${src.host}: no running container defines a healthcheck`, ev);
    return bad.length
      ? fail(`${src.host}: ${bad.length} of ${checked.length} not healthy: ${nameList(bad)}`, ev)
      : pass(`${src.host}: all ${checked.length} containers with a healthcheck are healthy`, ev);
  });
}
