import { fail, notApplicable, type ProbeResult, pass } from '../probe.ts';
import { type BindingRule, bindingExpectation, bindingJudge, inScope } from './bindings.ts';
import { judgeEach, listed, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface PortsParams extends Selection, BindingRule {}

/**
 * Checks that each running container publishes ports only on allowed address ranges
 * (loopback, 127.0.0.0/8 and ::1, by default), except allowlisted ports such as 80 and 443.
 * One subject per running container, its evidence listing every binding with its verdict;
 * a container that publishes nothing (or, with `ports`, none of those ports) is `not-applicable`; containers that are not running
 * are left out and listed in the summary's `notRunning` with their exit codes.
 * @example await publishedPorts(src, { allowPorts: [80, 443], allowAddresses: ['loopback', '10.0.0.0/8'] })
 */
export function publishedPorts(src: ContainerSource, p: PortsParams): Promise<ProbeResult> {
  const judge = bindingJudge(p);
  const expected = bindingExpectation(p);
  return judgeEach(
    src,
    p,
    RUNNING,
    ['ports'],
    (c) => {
      const verdicts = c.ports.filter((b) => inScope(b, p)).map(judge);
      const bad = verdicts.filter((v) => !v.allowed);
      const ev = { observed: listed(verdicts.map((v) => ({ ...v }))), published: verdicts.length, expected };
      if (verdicts.length === 0)
        return notApplicable(
          `${c.name}: publishes ${p.ports ? `none of ports ${p.ports.join(', ')}` : 'no port'}`,
          ev,
        );
      if (bad.length === 0)
        return pass(`${c.name}: ${verdicts.length} binding(s) allowed: ${shown(verdicts)}`, ev);
      return fail(`${c.name}: ${bad.length} of ${verdicts.length} binding(s) not allowed: ${shown(bad)}`, ev);
    },
    { expected },
  );
}

/** The first three bindings with their reasons, then a count. */
function shown(verdicts: { binding: string; reason: string }[]): string {
  const first = verdicts.slice(0, 3).map((v) => `${v.binding} (${v.reason})`);
  return verdicts.length > 3 ? `${first.join('; ')} and ${verdicts.length - 3} more` : first.join('; ');
}
