/**
 * The clock is synchronised. Asks, in order, what the host can tell: timedatectl (systemd
 * running), chronyc, then the kernel's own NTP state (adjtimex: STA_UNSYNC and maxerror),
 * which every synchronising daemon updates. If none can be read the outcome is `error`.
 */
import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, commandLine, sh } from '../transport/command.ts';
import { exitText, guarded, readOk, sourceOf } from './read.ts';

export type TimeSyncParams = Record<string, never>;

export const timeSyncCommands = {
  detect: sh`for c in timedatectl chronyc adjtimex busybox; do command -v $c; done; [ -d /run/systemd/system ] && echo systemd; true`,
  timedatectl: sh`timedatectl status`,
  chronyc: sh`chronyc -n tracking`,
  adjtimex: sh`adjtimex -p`,
  busybox: sh`busybox adjtimex`,
};

export function timeSyncPlan(): Command[] {
  return Object.values(timeSyncCommands);
}

type Verdict = { synced: boolean; detail: string } | undefined;

export function judgeTimedatectl(text: string): Verdict {
  const m = /(?:System clock|NTP) synchronized:\s*(yes|no)/i.exec(text);
  return m ? { synced: m[1] === 'yes', detail: m[0].trim() } : undefined;
}

export function judgeChrony(text: string): Verdict {
  const m = /Leap status\s*:\s*(.+)/.exec(text);
  return m
    ? { synced: !/not synchronised/i.test(m[1]), detail: `chrony leap status: ${m[1].trim()}` }
    : undefined;
}

/** Kernel NTP state: STA_UNSYNC (0x40) clear and maximum error under 16 s means synchronised. */
export function judgeAdjtimex(text: string): Verdict {
  const status = /status:\s*(\d+)/.exec(text);
  const maxerror = /maxerror:\s*(\d+)/.exec(text);
  if (!status) return undefined;
  const unsync = (Number(status[1]) & 0x40) !== 0;
  const err = maxerror ? Number(maxerror[1]) : 0;
  return {
    synced: !unsync && err < 16_000_000,
    detail: `kernel status ${status[1]}${unsync ? ' (STA_UNSYNC)' : ''}, maxerror ${err} us`,
  };
}

/**
 * Checks that the host's clock is synchronised.
 * @example await timeSync(ssh, {})
 */
export async function timeSync(t: CommandTransport, _p: TimeSyncParams = {}): Promise<ProbeResult> {
  const c = timeSyncCommands;
  return guarded(sourceOf(t, c.detect), async () => {
    const found = (await readOk(t, c.detect)).stdout;
    const has = (tool: string) => new RegExp(`(^|/)${tool}$`, 'm').test(found);
    const tried: string[] = [];
    const attempts: [boolean, Command, (s: string) => Verdict][] = [
      [has('timedatectl') && /^systemd$/m.test(found), c.timedatectl, judgeTimedatectl],
      [has('chronyc'), c.chronyc, judgeChrony],
      [has('adjtimex'), c.adjtimex, judgeAdjtimex],
      [has('busybox'), c.busybox, judgeAdjtimex],
    ];
    for (const [available, command, judge] of attempts) {
      if (!available) continue;
      const r = await t.run(command);
      const verdict = r.exitCode === 0 ? judge(r.stdout) : undefined;
      tried.push(
        `${commandLine(command)}: ${verdict ? 'read' : r.stderr.trim().split('\n')[0] || exitText(r.exitCode)}`,
      );
      if (!verdict) continue;
      const evidence = { observed: verdict.detail, expected: 'synchronised', source: sourceOf(t, command) };
      return verdict.synced
        ? pass(`${t.host}: clock synchronised (${verdict.detail})`, evidence)
        : fail(`${t.host}: clock not synchronised (${verdict.detail})`, evidence);
    }
    return inconclusive(
      `${t.host}: nothing on the host can tell whether the clock is synchronised (tried: ${tried.join('; ') || 'no timedatectl, chronyc or adjtimex found'})`,
      {
        observed: null,
        expected: 'synchronised',
        source: sourceOf(t, c.detect),
      },
    );
  });
}
