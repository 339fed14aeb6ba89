/**
 * Services are running. Under systemd: `systemctl is-active`. Under another init (containers,
 * OpenRC, runit, the lab): the process named in a pidfile is alive, or a process with that
 * exact name runs (`pgrep -x`).
 */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, readOk, sourceOf } from './read.ts';

export type ServiceSpec = string | { name: string; pidfile?: string; process?: string };

export interface ServicesParams {
  services: ServiceSpec[];
}

export const initCommand: Command = sh`if [ -d /run/systemd/system ]; then echo systemd; else cat /proc/1/comm; fi`;

/** How one service is checked under systemd, and without it. */
export function serviceCommands(spec: ServiceSpec): { systemd: Command; other: Command } {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  return {
    systemd: sh`systemctl is-active -- ${s.name}`,
    // The pidfile's content only ever becomes a path under /proc: it is never executed.
    other: s.pidfile ? sh`cat "/proc/$(cat -- ${s.pidfile})/comm"` : sh`pgrep -x -- ${s.process ?? s.name}`,
  };
}

export function servicesCommands(p: ServicesParams): Command[] {
  return [initCommand, ...p.services.flatMap((s) => Object.values(serviceCommands(s)))];
}

/**
 * Checks that every listed service is running, by whichever init the host uses.
 * @example await services(ssh, { services: ['nginx', { name: 'fail2ban', pidfile: '/run/fail2ban/fail2ban.pid' }] })
 */
export async function services(t: CommandTransport, p: ServicesParams): Promise<ProbeResult> {
  const source = sourceOf(t, initCommand);
  return guarded(source, async () => {
    const init = (await readOk(t, initCommand)).stdout.trim();
    const method = init === 'systemd' ? 'systemctl is-active' : 'pidfile or process name';
    const states = await Promise.all(
      p.services.map(async (spec) => {
        const s = typeof spec === 'string' ? { name: spec } : spec;
        const commands = serviceCommands(spec);
        const r = await t.run(init === 'systemd' ? commands.systemd : commands.other);
        const out = r.stdout.trim();
        if (init === 'systemd')
          return { name: s.name, running: out === 'active', state: out || r.stderr.trim() };
        const comm = out.split('\n')[0];
        const running = r.exitCode === 0 && (!s.pidfile || !s.process || comm === s.process.slice(0, 15));
        return {
          name: s.name,
          running,
          state: running
            ? `running (${s.pidfile ? comm : `pid ${comm}`})`
            : r.stderr.trim().split('\n')[0] || 'not running',
        };
      }),
    );
    const down = states.filter((s) => !s.running);
    const evidence = {
      observed: Object.fromEntries(states.map((s) => [s.name, s.state])),
      expected: p.services.map((s) => (typeof s === 'string' ? s : s.name)),
      source,
      init,
      method,
    };
    return down.length
      ? fail(`${t.host}: not running: ${down.map((s) => `${s.name} (${s.state})`).join(', ')}`, evidence)
      : pass(`${t.host}: ${states.length} service(s) running (${init}, ${method})`, evidence);
  });
}
