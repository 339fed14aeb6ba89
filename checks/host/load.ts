/** Load average per core, from /proc/loadavg and nproc. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, readOk, sourceOf } from './read.ts';

export interface LoadParams {
  maxPerCore: number;
  /** Which average to judge (default 5: the 5-minute one). */
  window?: 1 | 5 | 15;
}

export function loadCommands(): Command[] {
  return [sh`cat /proc/loadavg`, sh`nproc`];
}

/**
 * Checks that the load average divided by the number of cores stays below `maxPerCore`.
 * @example await load(ssh, { maxPerCore: 1.5 })
 */
export async function load(t: CommandTransport, p: LoadParams): Promise<ProbeResult> {
  const [avgCommand, coresCommand] = loadCommands();
  const source = sourceOf(t, avgCommand);
  return guarded(source, async () => {
    const [avg, cores] = await Promise.all([readOk(t, avgCommand), readOk(t, coresCommand)]);
    const loads = avg.stdout.trim().split(/\s+/).slice(0, 3).map(Number);
    const n = Number(cores.stdout.trim());
    if (loads.length < 3 || loads.some(Number.isNaN) || !(n > 0)) {
      throw new ReadError(
        `${t.host}: unexpected /proc/loadavg or nproc output: ${JSON.stringify(avg.stdout + cores.stdout)}`,
      );
    }
    const window = p.window ?? 5;
    const perCore = Math.round((loads[[1, 5, 15].indexOf(window)] / n) * 100) / 100;
    const evidence = {
      observed: perCore,
      expected: { maxPerCore: p.maxPerCore, window },
      source,
      loadavg: loads,
      cores: n,
    };
    return perCore > p.maxPerCore
      ? fail(`${t.host}: ${window}-minute load ${perCore} per core (max ${p.maxPerCore})`, evidence)
      : pass(
          `${t.host}: ${window}-minute load ${perCore} per core on ${n} core(s) (max ${p.maxPerCore})`,
          evidence,
        );
  });
}
