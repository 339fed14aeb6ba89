/** Memory in use (total minus the kernel's MemAvailable estimate), from /proc/meminfo. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, readOk, sourceOf } from './read.ts';

export interface MemoryParams {
  maxPercent: number;
}

export function memoryCommands(): Command[] {
  return [sh`cat /proc/meminfo`];
}

/** kB values by field name. */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^(\w+(?:\(\w+\))?):\s+(\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/**
 * Checks that memory in use stays below `maxPercent`.
 * @example await memory(ssh, { maxPercent: 90 })
 */
export async function memory(t: CommandTransport, p: MemoryParams): Promise<ProbeResult> {
  const [command] = memoryCommands();
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const info = parseMeminfo((await readOk(t, command)).stdout);
    if (!info.MemTotal || info.MemAvailable === undefined)
      throw new ReadError(`${t.host}: /proc/meminfo lacks MemTotal/MemAvailable`);
    const usedPercent = Math.round((1000 * (info.MemTotal - info.MemAvailable)) / info.MemTotal) / 10;
    const evidence = {
      observed: usedPercent,
      expected: { maxPercent: p.maxPercent },
      source,
      totalMb: Math.round(info.MemTotal / 1024),
      availableMb: Math.round(info.MemAvailable / 1024),
    };
    return usedPercent > p.maxPercent
      ? fail(`${t.host}: memory ${usedPercent}% in use (max ${p.maxPercent}%)`, evidence)
      : pass(`${t.host}: memory ${usedPercent}% in use (max ${p.maxPercent}%)`, evidence);
  });
}
