/**
 * What logrotate would do, read-only: `logrotate -d -s STATE CONF` prints each rule's patterns
 * and interval, then for each log it considers when it was last rotated and whether it is due.
 */
import { ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { type CommandTransport, sh } from '../transport/command.ts';

export interface LogrotateParams {
  /** logrotate's main configuration (default /etc/logrotate.conf). */
  logrotateConfig?: string;
  /** Its state file (default /var/lib/logrotate/status). */
  state?: string;
}

export interface Rule {
  patterns: string[];
  /** Rotation interval in hours (undefined: by size only). */
  intervalHours?: number;
}

export interface Considered {
  log: string;
  lastRotated?: string;
  due: boolean;
  reason: string;
}

export interface LogrotateView {
  rules: Rule[];
  considered: Map<string, Considered>;
  source: string;
}

export const logrotateCommand = (p: LogrotateParams) =>
  sh`PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" logrotate -d -s ${p.state ?? '/var/lib/logrotate/status'} ${p.logrotateConfig ?? '/etc/logrotate.conf'}`;

function interval(text: string): number | undefined {
  const after = /after (\d+) days/.exec(text);
  if (after) return Number(after[1]) * 24;
  const words: Record<string, number> = { hourly: 1, daily: 24, weekly: 168, monthly: 744, yearly: 8784 };
  for (const [w, h] of Object.entries(words)) if (new RegExp(`\\b${w}\\b`).test(text)) return h;
  return undefined;
}

/** Rules and considered logs from logrotate's debug output. */
export function parseLogrotateDebug(text: string): Omit<LogrotateView, 'source'> {
  const rules: Rule[] = [];
  const considered = new Map<string, Considered>();
  let current: Considered | undefined;
  for (const line of text.split('\n')) {
    const rule =
      /^rotating pattern: (.+?) {2}(.*)$/.exec(line) ?? /^rotating pattern: (\S+)\s*(.*)$/.exec(line);
    if (rule) {
      rules.push({ patterns: rule[1].split(' ').filter(Boolean), intervalHours: interval(rule[2]) });
      continue;
    }
    const log = /^considering log (.+)$/.exec(line);
    if (log) {
      current = { log: log[1], due: false, reason: '' };
      considered.set(log[1], current);
      continue;
    }
    const last = /^\s+Last rotated at (.+)$/.exec(line);
    if (last && current) current.lastRotated = last[1].trim();
    if (current && /^\s+log needs rotating/.test(line))
      [current.due, current.reason] = [true, 'needs rotating'];
    const not = /^\s+log does not need rotating \((.+)\)/.exec(line);
    if (not && current) current.reason = not[1];
  }
  return { rules, considered };
}

/** Runs logrotate in debug mode (nothing rotated, state untouched); a ReadError when it cannot. */
export async function readLogrotate(t: CommandTransport, p: LogrotateParams): Promise<LogrotateView> {
  const command = logrotateCommand(p);
  const r = await runPreferSudo(t, command);
  const text = `${r.stdout}\n${r.stderr}`;
  const said =
    r.stderr
      .split('\n')
      .find((l) => /error|denied|not found/i.test(l))
      ?.slice(0, 300) ?? `exit ${r.exitCode}`;
  if (r.exitCode === 127)
    throw new ReadError(`${t.host}: logrotate not found (is logrotate installed?): ${said}`);
  if (/permission denied/i.test(text))
    throw new ReadError(
      `${t.host}: logrotate could not read its configuration or state (permission denied; audit with sudo): ${said}`,
    );
  if (r.exitCode === null)
    throw new ReadError(`${t.host}: logrotate -d did not finish (killed without exit status)`);
  const parsed = parseLogrotateDebug(text);
  if (r.exitCode !== 0 && !parsed.rules.length)
    throw new ReadError(`${t.host}: logrotate -d exited ${r.exitCode}: ${said}`);
  if (!/reading config file/.test(text))
    throw new ReadError(`${t.host}: cannot parse logrotate -d output (no "reading config file")`);
  return { ...parsed, source: sourceOf(t, command) };
}
