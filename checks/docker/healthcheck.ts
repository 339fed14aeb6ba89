import { fail, type ProbeResult, pass } from '../probe.ts';
import { judgeEach, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

/**
 * Checks that each running container defines a healthcheck (image or run options), one
 * subject per running container; containers that are not running are left out and listed in
 * the summary's `notRunning` with their exit codes.
 * @example await healthcheckDefined(src, { exclude: ['*-job'] })
 */
export function healthcheckDefined(src: ContainerSource, p: Selection): Promise<ProbeResult> {
  return judgeEach(src, p, RUNNING, ['healthcheck'], (c) => {
    const ev = { observed: c.healthcheck, expected: true };
    return c.healthcheck
      ? pass(`${c.name}: defines a healthcheck`, ev)
      : fail(`${c.name}: defines no healthcheck (none in the image or run options, or disabled)`, ev);
  });
}
