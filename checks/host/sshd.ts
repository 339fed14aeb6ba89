/**
 * sshd's global settings. First `sshd -T` (the daemon's own parse: Include, Match defaults and
 * built-ins), which needs root. When it cannot run (no root, no sudo, sudo refused, sshd not on
 * PATH), the configuration files the daemon reads are parsed instead (sshd-config.ts), and the
 * evidence says which method and which files. Whatever cannot be read is `error`.
 */
import { type Evidence, fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandResult, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, sourceOf } from './read.ts';
import { readSshdConfig } from './sshd-config.ts';
import {
  DEFAULTS_SINCE,
  hostReader,
  parseVersion,
  readFileCommand,
  SSHD_DEFAULTS,
  versionCommand,
} from './sshd-files.ts';

export interface SshdParams {
  /** Expected values by keyword, e.g. { permitrootlogin: 'no', passwordauthentication: 'no' }. */
  settings: Record<string, string>;
  /** Another sshd_config than the default (for a second sshd on the host). */
  config?: string;
}

const DEFAULT_CONFIG = '/etc/ssh/sshd_config';

/** sshd lives in sbin, which is not on a normal user's PATH over SSH. */
export function sshdCommands(p: SshdParams): Command[] {
  return p.config
    ? [sh`PATH=$PATH:/usr/sbin:/sbin sshd -T -f ${p.config}`]
    : [sh`PATH=$PATH:/usr/sbin:/sbin sshd -T`];
}

/** For plan mode: sshd -T, then what the files method reads first (Include globs come from the files). */
export function sshdPlan(p: SshdParams): Command[] {
  return [...sshdCommands(p), readFileCommand(p.config ?? DEFAULT_CONFIG), versionCommand];
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

// sshd -T refusing the configuration itself: the files would not say what the daemon does.
const CONFIG_ERROR = /line \d+:|bad configuration|unsupported option|not allowed within a match|bad match/i;

function firstLine(r: CommandResult): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n')[0] || `exit ${r.exitCode ?? 'without status'}`;
}

interface Read {
  actual: Record<string, string>;
  /** Where each value came from (files method). */
  from?: Record<string, string>;
  evidence: Evidence;
}

async function readByFiles(t: CommandTransport, p: SshdParams, why: string): Promise<Read> {
  const config = await readSshdConfig(p.config ?? DEFAULT_CONFIG, hostReader(t));
  const actual: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const [key, s] of Object.entries(config.settings)) {
    actual[key] = s.value;
    from[key] = s.at;
  }
  const unset = Object.keys(p.settings).filter((k) => !(k.toLowerCase() in actual));
  let version: string | undefined;
  if (unset.length) {
    const v = parseVersion((await t.run(versionCommand)).stdout);
    version = v ? `OpenSSH ${v.join('.')}` : undefined;
    for (const key of unset.map((k) => k.toLowerCase())) {
      const builtIn = SSHD_DEFAULTS[key];
      const known =
        v && (v[0] > DEFAULTS_SINCE[0] || (v[0] === DEFAULTS_SINCE[0] && v[1] >= DEFAULTS_SINCE[1]));
      if (builtIn === undefined || !known)
        throw new ReadError(
          `${t.host}: ${key} is not set in ${config.files.join(', ')} and its built-in default is not known to readyspec for ${version ?? 'an unknown OpenSSH version'} (${why}; give the host sudo: true for sshd -T)`,
        );
      actual[key] = builtIn;
      from[key] = `built-in default (${version})`;
    }
  }
  const conditional = Object.fromEntries(
    Object.keys(p.settings)
      .map((k) => k.toLowerCase())
      .filter((k) => config.conditional[k])
      .map((k) => [k, config.conditional[k].map((c) => `Match ${c.match}: ${c.value} (${c.at})`)]),
  );
  return {
    actual,
    from,
    evidence: {
      source: `${t.host}:${config.files.join(', ')}`,
      method: `configuration files (sshd -T could not run: ${why})`,
      files: config.files,
      ...(Object.keys(conditional).length ? { conditional } : {}),
    },
  };
}

/** Same value as sshd means it: case-insensitive, prohibit-password = without-password. */
function same(key: string, have: string, want: string): boolean {
  const norm = (v: string) => {
    const lower = v.trim().toLowerCase();
    return key === 'permitrootlogin' && lower === 'prohibit-password' ? 'without-password' : lower;
  };
  return norm(have) === norm(want);
}

/**
 * Checks sshd's global settings: by `sshd -T` (root or `sudo: true`), else from its files.
 * @example await sshdConfig(ssh, { settings: { permitrootlogin: 'no', passwordauthentication: 'no' } })
 */
export async function sshdConfig(t: CommandTransport, p: SshdParams): Promise<ProbeResult> {
  const [command] = sshdCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await t.run(command, { sudo: true });
    let read: Read;
    if (r.exitCode === 0 && parseSshdT(r.stdout).port !== undefined) {
      read = { actual: parseSshdT(r.stdout), evidence: { source, method: 'sshd -T' } };
    } else if (r.exitCode === 0) {
      // sshd -T always prints `port`: anything else is not its configuration dump.
      throw new ReadError(
        `${t.host}: sshd -T printed no configuration: ${JSON.stringify(r.stdout.slice(0, 60))}`,
      );
    } else if (r.exitCode !== 127 && CONFIG_ERROR.test(`${r.stderr}\n${r.stdout}`)) {
      throw new ReadError(`${t.host}: sshd -T rejects the configuration: ${firstLine(r)}`);
    } else {
      read = await readByFiles(t, p, `exit ${r.exitCode ?? 'without status'}: ${firstLine(r)}`);
    }
    const unknown = Object.keys(p.settings).filter((k) => read.actual[k.toLowerCase()] === undefined);
    if (unknown.length)
      throw new ReadError(
        `${t.host}: sshd -T prints no ${unknown.join(', ')} (not an sshd keyword in this version?)`,
      );
    const wrong: string[] = [];
    const observed: Record<string, string> = {};
    for (const [key, want] of Object.entries(p.settings)) {
      const have = read.actual[key.toLowerCase()];
      observed[key] = have;
      if (!same(key.toLowerCase(), have, String(want))) wrong.push(`${key} is ${have}, expected ${want}`);
    }
    const evidence: Evidence = {
      observed,
      expected: p.settings,
      ...read.evidence,
      ...(read.from
        ? {
            from: Object.fromEntries(
              Object.keys(p.settings).map((k) => [k, read.from?.[k.toLowerCase()] ?? null]),
            ),
          }
        : {}),
    };
    const how = read.evidence.method === 'sshd -T' ? 'sshd -T' : 'configuration files';
    return wrong.length
      ? fail(`${t.host}: sshd ${wrong.join('; ')} (read by ${how})`, evidence)
      : pass(`${t.host}: sshd settings as expected (read by ${how})`, evidence);
  });
}
