/** Disk usage per mount, from POSIX `df -P -k` (GNU, busybox and BSD all print the same columns). */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, readOk, sourceOf } from './read.ts';

export interface DiskParams {
  /** Highest acceptable usage in percent (default 85). */
  maxPercent?: number;
  /** Mount points to judge; default every real filesystem. */
  mounts?: string[];
}

export interface MountUsage {
  filesystem: string;
  mount: string;
  usedPercent: number;
  sizeKb: number;
}

// Pseudo filesystems: memory-backed or read-only images whose fullness says nothing about disks.
const PSEUDO = /^(tmpfs|devtmpfs|udev|none|shm|overlay|squashfs|efivarfs|cgroup2?|proc|sysfs|run)$/;

/** One `df` for all real filesystems, or one per configured mount (a missing one is named). */
export function diskCommands(p: DiskParams): Command[] {
  return p.mounts?.length ? p.mounts.map((m) => sh`df -P -k -- ${m}`) : [sh`df -P -k`];
}

/** Parses `df -P -k`; the mount point is the rest of the line, spaces included. */
export function parseDf(text: string): MountUsage[] {
  const rows: MountUsage[] = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    const [size, used, avail] = [Number(m[2]), Number(m[3]), Number(m[4])];
    // df's own capacity rounds up used / (used + available); recompute to keep one decimal.
    const usedPercent = used + avail > 0 ? Math.round((1000 * used) / (used + avail)) / 10 : 0;
    rows.push({ filesystem: m[1], sizeKb: size, usedPercent, mount: m[6] });
  }
  return rows;
}

/**
 * Checks that every mount is below `maxPercent` full.
 * @example await disk(ssh, { maxPercent: 80, mounts: ['/', '/var/lib/docker'] })
 */
export async function disk(t: CommandTransport, p: DiskParams): Promise<ProbeResult> {
  const max = p.maxPercent ?? 85;
  const commands = diskCommands(p);
  return guarded(sourceOf(t, commands[0]), async () => {
    const outputs = await Promise.all(commands.map((c) => readOk(t, c)));
    let mounts = outputs.flatMap((r) => parseDf(r.stdout));
    if (!p.mounts?.length) mounts = mounts.filter((m) => !PSEUDO.test(m.filesystem) && m.sizeKb > 0);
    if (!mounts.length) throw new ReadError(`${t.host}: df listed no filesystem`);
    const full = mounts.filter((m) => m.usedPercent > max);
    const evidence = {
      observed: Object.fromEntries(mounts.map((m) => [m.mount, m.usedPercent])),
      expected: { maxPercent: max },
      source: sourceOf(t, commands[0]),
    };
    return full.length
      ? fail(
          `${t.host}: ${full.map((m) => `${m.mount} is ${m.usedPercent}% full`).join(', ')} (max ${max}%)`,
          evidence,
        )
      : pass(
          `${t.host}: ${mounts.length} mount(s) at most ${Math.max(...mounts.map((m) => m.usedPercent))}% full (max ${max}%)`,
          evidence,
        );
  });
}
