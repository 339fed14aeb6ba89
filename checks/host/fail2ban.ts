/** fail2ban is running and has the expected jails, from `fail2ban-client status`. */
import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
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
 * Checks that fail2ban answers and runs every expected jail: one subject per expected jail.
 * Its socket is root's: `sudo: true`. A missing fail2ban-client or a socket it may not open is
 * an error (could not tell); a server that is not running fails every jail.
 * @example await fail2ban(ssh, { jails: ['sshd', 'nginx-http-auth'] })
 */
export async function fail2ban(t: CommandTransport, p: Fail2banParams): Promise<ProbeResult> {
  const [command] = fail2banCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await t.run(command, { sudo: true });
    const said = `${r.stderr} ${r.stdout}`.trim().split('\n').slice(-1)[0] || 'no output';
    if (r.exitCode === 127)
      throw new ReadError(`${t.host}: fail2ban-client not found (is fail2ban installed?): ${said}`);
    let jails: string[] = [];
    if (r.exitCode !== 0) {
      if (/permission denied/i.test(said))
        throw new ReadError(`${t.host}: no permission on fail2ban's socket: ${said}`);
      if (!/running\?|no such file/i.test(said))
        throw new ReadError(`${t.host}: fail2ban-client exited ${r.exitCode ?? 'without status'}: ${said}`);
    } else {
      const listed = parseJails(r.stdout);
      if (!listed) throw new ReadError(`${t.host}: no jail list in fail2ban-client output`);
      jails = listed;
    }
    const running = r.exitCode === 0;
    const subjects = p.jails.map((jail) => {
      const evidence = { observed: { running, jails }, expected: { running: true, jail }, source };
      if (!running) return subject(jail, fail(`${jail}: fail2ban is not running (${said})`, evidence));
      return subject(
        jail,
        jails.includes(jail)
          ? pass(`${jail}: jail is running`, evidence)
          : fail(`${jail}: no such jail running (running: ${jails.join(', ') || 'none'})`, evidence),
      );
    });
    return perSubject(t.host, 'jails', subjects, { source, observed: { running, jails } });
  });
}
