/**
 * Certificate renewal: something schedules it (certbot's systemd timer or a cron entry that
 * renews), and every certificate nginx serves has a renewal configuration.
 */

import picomatch from 'picomatch';
import { ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { fail, type ProbeResult, pass, type SubjectResult, subject } from '../probe.ts';
import { type CommandTransport, sh } from '../transport/command.ts';

export interface ScheduleParams {
  /** Cron files and directories searched (default /etc/crontab, /etc/cron.d, /var/spool/cron/crontabs). */
  cronPaths?: string[];
  /** The systemd timer that renews (default certbot.timer). */
  timer?: string;
}

export const DEFAULT_CRON_PATHS = ['/etc/crontab', '/etc/cron.d', '/var/spool/cron/crontabs'];
const RENEWERS = 'certbot.*renew|acme\\.sh.*--cron|lego.*renew';

export const scheduleCommands = (p: ScheduleParams) => [
  sh`grep -rnE ${RENEWERS} -- ${p.cronPaths ?? DEFAULT_CRON_PATHS}`,
  sh`systemctl is-enabled ${p.timer ?? 'certbot.timer'}`,
];

/**
 * Checks that certificate renewal is scheduled.
 * @example await renewalScheduled(ssh, { cronPaths: ['/etc/cron.d'] })
 */
export async function renewalScheduled(t: CommandTransport, p: ScheduleParams): Promise<ProbeResult> {
  const [grep, timer] = scheduleCommands(p);
  const source = sourceOf(t, grep);
  const g = await runPreferSudo(t, grep);
  // Lines `file:line:text`; a commented-out entry schedules nothing.
  const entries = g.stdout.split('\n').filter((l) => /^[^:]+:\d+:\s*[^#\s]/.test(l));
  const denied = g.stderr.split('\n').filter((l) => /permission denied/i.test(l));
  if (entries.length)
    return pass(`${t.host}: renewal scheduled by cron (${entries[0].split(':')[0]})`, {
      observed: entries.slice(0, 5),
      source,
    });
  if (g.exitCode !== 0 && g.exitCode !== 1 && g.exitCode !== 2)
    throw new ReadError(`${t.host}: grep exited ${g.exitCode ?? 'without status'}`);
  if (denied.length)
    throw new ReadError(
      `${t.host}: cannot read the cron files (permission denied; audit with sudo): ${denied[0].slice(0, 200)}`,
    );
  const s = await t.run(timer);
  const state = s.stdout.trim();
  const evidence = {
    observed: { cron: [], timer: state || s.stderr.trim().slice(0, 200) },
    expected: 'a renewing cron entry or an enabled timer',
    source: `${source}; ${sourceOf(t, timer)}`,
  };
  if (s.exitCode === 0 && /^enabled/.test(state))
    return pass(`${t.host}: renewal scheduled by ${p.timer ?? 'certbot.timer'} (${state})`, evidence);
  // No systemd, or systemd that knows the unit as disabled / not found: no timer renews.
  const noSystemd = s.exitCode === 127 || /not been booted with systemd|not found/i.test(s.stderr);
  if (!noSystemd && /failed to connect|access denied/i.test(s.stderr))
    throw new ReadError(
      `${t.host}: cannot ask systemd about ${p.timer ?? 'certbot.timer'}: ${s.stderr.trim().slice(0, 200)}`,
    );
  return fail(
    `${t.host}: no certificate renewal scheduled (no cron entry in ${(p.cronPaths ?? DEFAULT_CRON_PATHS).join(', ')}, timer: ${state || 'none'})`,
    evidence,
  );
}

export interface RenewalConfigParams {
  /** Directory of renewal configurations (default /etc/letsencrypt/renewal). */
  renewalDir?: string;
  /** Globs of served certificates that must be renewed this way (default every one). */
  certificates?: string[];
}

export const renewalConfigCommand = (p: RenewalConfigParams) =>
  sh`cd -- ${p.renewalDir ?? '/etc/letsencrypt/renewal'} && for f in *.conf; do [ -e "$f" ] || continue; printf '==> %s\\n' "$f"; cat -- "$f"; done`;

/** Certificate paths each renewal configuration keeps up to date, by configuration file. */
export async function readRenewalConfigs(
  t: CommandTransport,
  p: RenewalConfigParams,
): Promise<Map<string, string>> {
  const r = await runPreferSudo(t, renewalConfigCommand(p));
  const dir = p.renewalDir ?? '/etc/letsencrypt/renewal';
  if (r.exitCode !== 0 && /permission denied/i.test(r.stderr))
    throw new ReadError(`${t.host}: cannot read ${dir} (permission denied; audit with sudo)`);
  if (r.exitCode !== 0 && !/can't cd|no such file/i.test(r.stderr))
    throw new ReadError(
      `${t.host}: reading ${dir} failed: ${r.stderr.trim().slice(0, 200) || `exit ${r.exitCode}`}`,
    );
  const byCert = new Map<string, string>();
  let file = '';
  for (const line of r.stdout.split('\n')) {
    const head = /^==> (.+)$/.exec(line);
    if (head) file = head[1];
    const kv = /^\s*(cert|fullchain)\s*=\s*(\S+)/.exec(line);
    if (kv && file) byCert.set(kv[2], `${dir}/${file}`);
  }
  return byCert;
}

/** One subject per served certificate. @example judgeRenewalConfigs(['/etc/letsencrypt/live/a/fullchain.pem'], configs, {}, src) */
export function judgeRenewalConfigs(
  served: string[],
  configs: Map<string, string>,
  p: RenewalConfigParams,
  source: string,
): SubjectResult[] {
  const wanted = p.certificates?.length
    ? served.filter((c) => p.certificates?.some((g) => picomatch.isMatch(c, g, { dot: true })))
    : served;
  return wanted.map((cert) => {
    const conf = configs.get(cert);
    const evidence = {
      observed: conf ?? null,
      expected: `a renewal configuration in ${p.renewalDir ?? '/etc/letsencrypt/renewal'}`,
      source,
    };
    return subject(
      cert,
      conf
        ? pass(`${cert}: renewed by ${conf}`, evidence)
        : fail(`${cert}: served by nginx, but no renewal configuration names it`, evidence),
    );
  });
}
