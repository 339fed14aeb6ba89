/** Disk usage per mount, from POSIX `df -P -k` (GNU, busybox and BSD all print the same columns). */
import {
  fail,
  inconclusive,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, sourceOf } from './read.ts';

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

/** `df: /run/user/1000/doc: Permission denied` lines: mounts df could not read, with why. */
export function dfErrors(stderr: string): { mount: string; why: string }[] {
  return stderr
    .split('\n')
    .map((l) => /^df: (.+): ([^:]+)$/.exec(l.trim()))
    .flatMap((m) => (m ? [{ mount: m[1].replace(/^[‘'"]|[’'"]$/g, ''), why: m[2] }] : []));
}

/**
 * Checks that every mount is below `maxPercent` full: one subject per mount (per configured
 * path when `mounts` is given). A mount df cannot read is an error of its own.
 * @example await disk(ssh, { maxPercent: 80, mounts: ['/', '/var/lib/docker'] })
 */
export async function disk(t: CommandTransport, p: DiskParams): Promise<ProbeResult> {
  const max = p.maxPercent ?? 85;
  const commands = diskCommands(p);
  const source = sourceOf(t, commands[0]);
  return guarded(source, async () => {
    const outputs = await Promise.all(commands.map((c) => t.run(c)));
    const subjects: SubjectResult[] = [];
    const seen = new Set<string>();
    outputs.forEach((r, i) => {
      const requested = p.mounts?.[i];
      if (r.exitCode === 127) throw new ReadError(`${t.host}: df not found: ${r.stderr.trim()}`);
      if (!/^Filesystem\s/.test(r.stdout) && !(r.exitCode !== 0 && !r.stdout.trim()))
        throw new ReadError(`${t.host}: unexpected df output: ${JSON.stringify(r.stdout.slice(0, 80))}`);
      let mounts = parseDf(r.stdout);
      if (!requested) mounts = mounts.filter((m) => !PSEUDO.test(m.filesystem) && m.sizeKb > 0);
      for (const m of mounts) {
        const name = requested ?? m.mount;
        if (seen.has(name)) continue;
        seen.add(name);
        const evidence = {
          observed: { usedPercent: m.usedPercent, mount: m.mount, filesystem: m.filesystem },
          expected: { maxPercent: max },
          source,
        };
        subjects.push(
          subject(
            name,
            m.usedPercent > max
              ? fail(`${name} is ${m.usedPercent}% full (max ${max}%)`, evidence)
              : pass(`${name} is ${m.usedPercent}% full (max ${max}%)`, evidence),
          ),
        );
      }
      if (r.exitCode === 0) return;
      const errors = dfErrors(r.stderr);
      if (!errors.length && !mounts.length)
        throw new ReadError(
          `${t.host}: \`${commands[i].template}\` exited ${r.exitCode ?? 'without status'}: ${r.stderr.trim() || 'no error output'}`,
        );
      for (const e of errors) {
        // Unasked, a mount that vanished between df's mount-table read and its statfs is gone.
        if (!requested && /No such file/i.test(e.why)) continue;
        const name = requested ?? e.mount;
        if (seen.has(name)) continue;
        seen.add(name);
        subjects.push(
          subject(
            name,
            inconclusive(`${name}: df cannot read it: ${e.why}`, {
              observed: null,
              expected: { maxPercent: max },
              source,
            }),
          ),
        );
      }
    });
    if (!subjects.length) throw new ReadError(`${t.host}: df listed no filesystem`);
    return perSubject(t.host, 'mounts', subjects, { source, expected: { maxPercent: max } });
  });
}
