/**
 * Services are running, one verdict per service. Under systemd: `systemctl is-active`. Under
 * another init (containers, OpenRC, runit, the lab): the process named in a pidfile is alive, or
 * a process with that name runs. Whatever cannot be read (a root-only pidfile, hidepid, a missing
 * systemctl) is `error` with the cause, never "not running".
 */
import {
  fail,
  inconclusive,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import { type Command, type CommandResult, type CommandTransport, sh } from '../transport/command.ts';
import {
  judgePidfile,
  judgeProcess,
  type Liveness,
  pidfileCommand,
  processCommand,
} from './process-table.ts';
import { guarded, ReadError, readOk, runPreferSudo, sourceOf } from './read.ts';

export type ServiceSpec = string | { name: string; pidfile?: string; process?: string };

export interface ServicesParams {
  services: ServiceSpec[];
}

export const initCommand: Command = sh`if [ -d /run/systemd/system ]; then echo systemd; else echo "other $(cat /proc/1/comm 2>/dev/null)"; fi`;

/** How one service is checked under systemd, and without it. */
export function serviceCommands(spec: ServiceSpec): { systemd: Command; other: Command[] } {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  const processName = s.process ?? s.name;
  return {
    systemd: sh`systemctl is-active -- ${s.name}`,
    other: s.pidfile
      ? [pidfileCommand(s.pidfile), processCommand(processName)]
      : [processCommand(processName)],
  };
}

export function servicesCommands(p: ServicesParams): Command[] {
  return [
    initCommand,
    ...p.services.flatMap((s) => [serviceCommands(s).systemd, ...serviceCommands(s).other]),
  ];
}

// `systemctl is-active` states: running, and not running (a positive answer either way).
const ACTIVE = new Set(['active', 'reloading']);
const DOWN = new Set(['inactive', 'failed', 'deactivating', 'activating', 'maintenance']);

function said(r: CommandResult): string {
  return (
    (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-1)[0] || `exit ${r.exitCode ?? 'without status'}`
  );
}

/** Judges `systemctl is-active`: an answer that is no state (no bus, no systemctl) is unknown. */
export function judgeSystemctl(r: CommandResult, name: string): Liveness {
  const state = r.stdout.trim().split('\n')[0] ?? '';
  if (r.exitCode === 127) return { state: 'unknown', detail: `systemctl not found: ${said(r)}` };
  if (ACTIVE.has(state)) return { state: 'running', detail: `systemd unit ${name} is ${state}` };
  if (DOWN.has(state)) return { state: 'stopped', detail: `systemd unit ${name} is ${state}` };
  return { state: 'unknown', detail: `systemctl is-active ${name} gave no state: ${said(r)}` };
}

async function liveness(t: CommandTransport, spec: ServiceSpec, systemd: boolean): Promise<Liveness> {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  const commands = serviceCommands(spec);
  if (systemd) {
    const unit = judgeSystemctl(await t.run(commands.systemd), s.name);
    // A daemon started outside its unit still runs: only a pidfile or process named in the
    // policy can tell, and only then is "not running" rechecked.
    if (unit.state === 'running' || (!s.pidfile && !s.process)) return unit;
    const other = await liveness(t, spec, false);
    return other.state === 'running'
      ? { state: 'running', detail: `${other.detail} (${unit.detail})` }
      : unit;
  }
  const processName = s.process ?? s.name;
  const byProcess = async () => {
    const r = await runPreferSudo(t, processCommand(processName));
    if (r.exitCode !== 0)
      return { state: 'unknown', detail: `cannot list processes: ${said(r)}` } as Liveness;
    return judgeProcess(r.stdout, processName);
  };
  if (!s.pidfile) return byProcess();
  const r = await runPreferSudo(t, pidfileCommand(s.pidfile));
  if (r.exitCode !== 0) return { state: 'unknown', detail: `cannot read ${s.pidfile}: ${said(r)}` };
  const fromPidfile = judgePidfile(r.stdout, s.pidfile, s.process);
  if (fromPidfile.state !== 'missing-pidfile') return fromPidfile;
  // No pidfile: the daemon may still run (another pidfile path); only the process table can tell.
  const found = await byProcess();
  return found.state === 'running'
    ? { state: 'running', detail: `${found.detail} (${fromPidfile.detail})` }
    : found.state === 'stopped'
      ? { state: 'stopped', detail: `${fromPidfile.detail} and ${found.detail}` }
      : found;
}

/**
 * Checks that every listed service is running, by whichever init the host uses: one subject per service.
 * @example await services(ssh, { services: ['nginx', { name: 'fail2ban', pidfile: '/run/fail2ban/fail2ban.pid' }] })
 */
export async function services(t: CommandTransport, p: ServicesParams): Promise<ProbeResult> {
  const source = sourceOf(t, initCommand);
  return guarded(source, async () => {
    const init = (await readOk(t, initCommand)).stdout.trim();
    if (!/^(systemd|other\b)/.test(init))
      throw new ReadError(`${t.host}: unexpected init answer ${JSON.stringify(init.slice(0, 60))}`);
    const systemd = init === 'systemd';
    const method = systemd ? 'systemctl is-active' : 'pidfile or process table (no systemd)';
    const subjects: SubjectResult[] = await Promise.all(
      p.services.map(async (spec) => {
        const name = typeof spec === 'string' ? spec : spec.name;
        const l = await liveness(t, spec, systemd);
        const evidence = {
          observed: l.detail,
          expected: 'running',
          source: `${t.host}:${method}`,
          init: init.replace(/^other ?/, '') || 'unknown',
        };
        if (l.state === 'running') return subject(name, pass(`${name} is running (${l.detail})`, evidence));
        if (l.state === 'unknown')
          return subject(
            name,
            inconclusive(`${name}: could not tell whether it runs: ${l.detail}`, evidence),
          );
        return subject(name, fail(`${name} is not running: ${l.detail}`, evidence));
      }),
    );
    return perSubject(t.host, 'services', subjects, { source, method });
  });
}
