/** sshd's effective configuration (`sshd -T`), the values after Include, Match defaults and built-ins. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, readOk, sourceOf } from './read.ts';

export interface SshdParams {
  /** Expected values by keyword, e.g. { permitrootlogin: 'no', passwordauthentication: 'no' }. */
  settings: Record<string, string>;
  /** Another sshd_config than the default (for a second sshd on the host). */
  config?: string;
}

/** sshd lives in sbin, which is not on a normal user's PATH over SSH. */
export function sshdCommands(p: SshdParams): Command[] {
  return p.config
    ? [sh`PATH=$PATH:/usr/sbin:/sbin sshd -T -f ${p.config}`]
    : [sh`PATH=$PATH:/usr/sbin:/sbin sshd -T`];
}

/** `keyword value…` lines into a map (keywords are lower-case in -T output). */
export function parseSshdT(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) out[m[1].toLowerCase()] = out[m[1].toLowerCase()] ? `${out[m[1].toLowerCase()]},${m[2]}` : m[2];
  }
  return out;
}

/**
 * Checks sshd's effective settings. Needs root on most hosts (host keys): set `sudo: true` on the host.
 * @example await sshdConfig(ssh, { settings: { permitrootlogin: 'no', passwordauthentication: 'no' } })
 */
export async function sshdConfig(t: CommandTransport, p: SshdParams): Promise<ProbeResult> {
  const [command] = sshdCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await readOk(t, command, { sudo: true });
    const actual = parseSshdT(r.stdout);
    if (!Object.keys(actual).length) throw new ReadError(`${t.host}: sshd -T printed nothing`);
    const wrong: string[] = [];
    const observed: Record<string, string | null> = {};
    for (const [key, want] of Object.entries(p.settings)) {
      const have = actual[key.toLowerCase()];
      observed[key] = have ?? null;
      if (have?.toLowerCase() !== String(want).toLowerCase())
        wrong.push(`${key} is ${have ?? 'unset'}, expected ${want}`);
    }
    const evidence = { observed, expected: p.settings, source };
    return wrong.length
      ? fail(`${t.host}: sshd ${wrong.join('; ')}`, evidence)
      : pass(`${t.host}: sshd settings as expected`, evidence);
  });
}
