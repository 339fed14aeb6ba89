import { fail, type ProbeResult, pass } from '../probe.ts';
import type { FactName } from './facts.ts';
import { judgeEach, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface LimitsParams extends Selection {
  /** Require a memory limit (default true). */
  memory?: boolean;
  /** Require a CPU limit (`--cpus` or a CFS quota; shares are a weight, not a limit). Default false. */
  cpu?: boolean;
}

/**
 * Checks that each running container has a memory (and optionally CPU) limit, so one runaway
 * container cannot starve the host; one subject per running container, the others left out
 * and listed in the summary's `notRunning` with their exit codes.
 * @example await resourceLimits(src, { memory: true, cpu: true })
 */
export function resourceLimits(src: ContainerSource, p: LimitsParams): Promise<ProbeResult> {
  const wantMemory = p.memory ?? true;
  const wantCpu = p.cpu ?? false;
  const expected = [wantMemory ? 'memory' : '', wantCpu ? 'cpu' : ''].filter(Boolean);
  const needs: FactName[] = [
    ...(wantMemory ? (['memory'] as const) : []),
    ...(wantCpu ? (['nanoCpus', 'cpuQuota'] as const) : []),
  ];
  return judgeEach(src, p, RUNNING, needs, (c) => {
    const missing: string[] = [];
    if (wantMemory && !(c.memory > 0)) missing.push('memory');
    if (wantCpu && !(c.nanoCpus > 0 || c.cpuQuota > 0)) missing.push('cpu');
    const ev = { observed: { memory: c.memory, nanoCpus: c.nanoCpus, cpuQuota: c.cpuQuota }, expected };
    const shown = [c.memory > 0 ? `memory ${c.memory} bytes` : '', cpuText(c.nanoCpus, c.cpuQuota)]
      .filter(Boolean)
      .join(', ');
    return missing.length
      ? fail(`${c.name}: no ${missing.join(' or ')} limit${shown ? ` (has ${shown})` : ''}`, ev)
      : pass(`${c.name}: limited (${shown})`, ev);
  });
}

function cpuText(nanoCpus: number, cpuQuota: number): string {
  if (nanoCpus > 0) return `${nanoCpus / 1e9} CPUs`;
  return cpuQuota > 0 ? `CPU quota ${cpuQuota} µs` : '';
}
