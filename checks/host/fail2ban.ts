/** fail2ban is running and has the expected jails, from `fail2ban-client status`. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, sourceOf } from './read.ts';

export interface Fail2banParams {
  jails: string[];
  /** Server socket, when not the default /var/run/fail2ban/fail2ban.sock. */
  socket?: string;
}

export function fail2banCommands(p: Fail2banParams): Command[] {
  return p.socket ? [sh`fail2ban-client -s ${p.socket} status`] : [sh`fail2ban-client status`];
}

/** The jail names from `Jail list:	sshd, nginx-http-auth`. */
export function parseJails(text: string): string[] | undefined {
  const m = /Jail list:\s*(.*)$/m.exec(text);
  return m
    ? m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

/**
 * Checks that fail2ban answers and runs every expected jail. Its socket is root's: `sudo: true`.
 * @example await fail2ban(ssh, { jails: ['sshd', 'nginx-http-auth'] })
 */
export async function fail2ban(t: CommandTransport, p: Fail2banParams): Promise<ProbeResult> {
  const [command] = fail2banCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await t.run(command, { sudo: true });
    const expected = { running: true, jails: p.jails };
    const said = `${r.stderr} ${r.stdout}`.trim().split('\n').slice(-1)[0];
    if (r.exitCode === 127)
      return fail(`${t.host}: fail2ban is not installed (${said})`, { observed: null, expected, source });
    if (r.exitCode !== 0) {
      if (/permission denied/i.test(said))
        throw new ReadError(`${t.host}: no permission on fail2ban's socket: ${said}`);
      if (/running\?|socket|no such file/i.test(said)) {
        return fail(`${t.host}: fail2ban is not running (${said})`, {
          observed: { running: false },
          expected,
          source,
        });
      }
      throw new ReadError(`${t.host}: fail2ban-client exited ${r.exitCode}: ${said}`);
    }
    const jails = parseJails(r.stdout);
    if (!jails) throw new ReadError(`${t.host}: no jail list in fail2ban-client output`);
    const missing = p.jails.filter((j) => !jails.includes(j));
    const evidence = { observed: { running: true, jails }, expected, source };
    return missing.length
      ? fail(`${t.host}: fail2ban runs without jail(s) ${missing.join(', ')}`, evidence)
      : pass(`${t.host}: fail2ban runs ${jails.length} jail(s): ${jails.join(', ')}`, evidence);
  });
}
