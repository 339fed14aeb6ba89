/** Kernel OOM kills in the last N hours, from the kernel journal or, without one, from dmesg. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { exitText, guarded, ReadError, sourceOf } from './read.ts';

export interface OomKillsParams {
  hours: number;
}

export function oomCommands(p: OomKillsParams): { journal: Command; uptime: Command; dmesg: Command } {
  return {
    journal: sh`journalctl -k --no-pager -o short-unix --since ${`${p.hours} hours ago`}`,
    uptime: sh`cat /proc/uptime`,
    dmesg: sh`dmesg`,
  };
}

// One "Killed process" line per kill, both for the global and the memory-cgroup OOM killer.
const KILL = /Killed process (\d+) \(([^)]*)\)/;

/**
 * OOM kills in dmesg output whose `[seconds since boot]` stamp is at or after `sinceBoot`.
 * Throws a ReadError for output that is not a stamped kernel log (no stamp means no date).
 */
export function dmesgKills(text: string, sinceBoot: number): string[] {
  const kills: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || /^\s/.test(line)) continue;
    const m = /^\[\s*(\d+\.\d+)\]\s*(.*)$/.exec(line);
    if (!m)
      throw new ReadError(
        `dmesg output is not a time-stamped kernel log: ${JSON.stringify(line.slice(0, 80))}`,
      );
    const k = KILL.exec(m[2]);
    if (k && Number(m[1]) >= sinceBoot) kills.push(`${k[2]} (pid ${k[1]})`);
  }
  return kills;
}

/** OOM kills in `journalctl -o short-unix` output (already limited by --since); throws for other text. */
export function journalKills(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim() || /^-- .* --$/.test(line.trim())) return [];
    if (!/^\d+(\.\d+)? /.test(line))
      throw new ReadError(
        `unexpected journalctl output (not short-unix): ${JSON.stringify(line.slice(0, 80))}`,
      );
    const k = KILL.exec(line);
    return k ? [`${k[2]} (pid ${k[1]})`] : [];
  });
}

// journalctl exits 0 yet sees nothing without journal files or without permission on them.
const JOURNAL_BLIND = /No journal files were found|not seeing messages|Failed to|No such file/i;

/**
 * Checks that the kernel killed no process for lack of memory in the last `hours`.
 * @example await oomKills(ssh, { hours: 24 })
 */
export async function oomKills(t: CommandTransport, p: OomKillsParams): Promise<ProbeResult> {
  const c = oomCommands(p);
  return guarded(sourceOf(t, c.journal), async () => {
    let kills: string[];
    let source: string;
    const journal = await t.run(c.journal, { sudo: true });
    if (journal.exitCode === 0 && !JOURNAL_BLIND.test(journal.stderr)) {
      kills = journalKills(journal.stdout);
      source = sourceOf(t, c.journal);
    } else {
      const [uptime, dmesg] = await Promise.all([t.run(c.uptime), t.run(c.dmesg, { sudo: true })]);
      if (dmesg.exitCode !== 0 || uptime.exitCode !== 0) {
        const why = `${journal.stderr.trim().split('\n')[0] || exitText(journal.exitCode)}; dmesg: ${dmesg.stderr.trim() || exitText(dmesg.exitCode)}`;
        throw new ReadError(
          `${t.host}: neither the kernel journal nor dmesg is readable (journalctl: ${why})`,
        );
      }
      const up = Number(uptime.stdout.trim().split(/\s+/)[0]);
      if (!Number.isFinite(up) || up < 0)
        throw new ReadError(
          `${t.host}: unexpected /proc/uptime ${JSON.stringify(uptime.stdout.slice(0, 40))}`,
        );
      kills = dmesgKills(dmesg.stdout, up - p.hours * 3600);
      source = sourceOf(t, c.dmesg);
    }
    const evidence = {
      observed: kills.length,
      expected: { maxKills: 0, hours: p.hours },
      source,
      kills: kills.slice(0, 20),
    };
    return kills.length
      ? fail(
          `${t.host}: ${kills.length} OOM kill(s) in the last ${p.hours} h: ${kills.slice(0, 5).join(', ')}`,
          evidence,
        )
      : pass(`${t.host}: no OOM kill in the last ${p.hours} h`, evidence);
  });
}
