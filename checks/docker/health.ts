import { fail, inconclusive, notApplicable, type ProbeResult, pass } from '../probe.ts';
import { judgeEach, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks each running container's health, one subject per container: `healthy` passes,
 * `unhealthy` fails, `starting` (or a status the engine does not document) is `error`: not
 * known yet, never a verdict. A running container without a healthcheck is a `not-applicable`
 * subject (docker.healthcheck is the control that wants one); containers that are not running
 * are left out and listed, with their exit codes, in the summary's `notRunning`.
 * @example await containersHealthy(src, { exclude: ['backup-*'] })
 */
export function containersHealthy(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeEach(src, p, RUNNING, ['healthcheck', 'health'], (c) => {
    const ev = { observed: c.health, expected: 'healthy' };
    if (!c.healthcheck) return notApplicable(`${c.name}: defines no healthcheck, health not judged`, ev);
    if (c.health === 'healthy') return pass(`${c.name}: healthy`, ev);
    if (c.health === 'unhealthy') return fail(`${c.name}: unhealthy`, ev);
    return inconclusive(`${c.name}: health not known yet (${c.health ?? 'no status'})`, ev);
  });
}
