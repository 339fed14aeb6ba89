import { fail, type ProbeResult, pass } from '../probe.ts';
import { judgeContainers, listed, nameList, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface LimitsParams extends Selection {
  /** Require a memory limit (default true). */
  memory?: boolean;
  /** Require a CPU limit (`--cpus` or a CFS quota; shares are a weight, not a limit). Default false. */
  cpu?: boolean;
}

/**
 * Checks that running containers have memory (and optionally CPU) limits, so one runaway
 * container cannot starve the host.
 * @example await resourceLimits(src, { memory: true, cpu: true })
 */
export function resourceLimits(src: ContainerSource, p: LimitsParams): Promise<ProbeResult> {
  const wantMemory = p.memory ?? true;
  const wantCpu = p.cpu ?? false;
  return judgeContainers(src, p, RUNNING, (list, evidence) => {
    const bad = list
      .map((c) => {
        const missing: string[] = [];
        if (wantMemory && !(c.memory > 0)) missing.push('memory');
        if (wantCpu && !(c.nanoCpus > 0 || c.cpuQuota > 0)) missing.push('cpu');
        return { name: c.name, missing };
      })
      .filter((c) => c.missing.length > 0);
    const expected = [wantMemory ? 'memory' : '', wantCpu ? 'cpu' : ''].filter(Boolean);
    const ev = { ...evidence, observed: listed(bad), expected };
    return bad.length
      ? fail(
          `${src.host}: ${bad.length} of ${list.length} without ${expected.join('/')} limits: ${nameList(bad)}`,
          ev,
        )
      : pass(`${src.host}: all ${list.length} running containers have ${expected.join(' and ')} limits`, ev);
  });
}
