/**
 * The sshd configuration files read on the host, for when `sshd -T` cannot run: file reads and
 * Include globs through the command transport, and the built-in defaults of OpenSSH for
 * keywords the files do not set (valid since OpenSSH 7.4; checked against `sshd -T` in tests).
 */
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { exitText, ReadError } from './read.ts';
import type { ConfigReader } from './sshd-config.ts';

/** At most this much of one configuration file is read. */
const MAX_BYTES = 1_000_000;

export function readFileCommand(path: string): Command {
  return sh`head -c ${MAX_BYTES} -- ${path}`;
}

/**
 * Expands a glob on the host without executing anything: the pattern is a variable, expanded
 * unquoted with IFS empty (pathname expansion only). A directory that exists but cannot be
 * listed is reported, since sshd (as root) would read files there.
 */
export function globCommand(pattern: string): Command {
  const dir = pattern.slice(0, pattern.lastIndexOf('/')) || '/';
  return sh`p=${pattern}; d=${dir}; if [ -d "$d" ] && ! { [ -r "$d" ] && [ -x "$d" ]; }; then echo "denied $d"; exit 0; fi; IFS=; for f in $p; do [ -e "$f" ] && printf 'file %s\\n' "$f"; done; true`;
}

export const versionCommand: Command = sh`PATH=$PATH:/usr/sbin:/sbin; sshd -V 2>&1; ssh -V 2>&1; true`;

/** A ConfigReader over the host's command transport. */
export function hostReader(t: CommandTransport): ConfigReader {
  return {
    async read(path) {
      const r = await t.run(readFileCommand(path));
      if (r.exitCode !== 0)
        throw new ReadError(
          `${t.host}: cannot read ${path}: ${r.stderr.trim().split(': ').pop() || exitText(r.exitCode)}`,
        );
      return r.stdout;
    },
    async glob(pattern) {
      const r = await t.run(globCommand(pattern));
      const lines = r.stdout.split('\n').filter(Boolean);
      const denied = lines.find((l) => l.startsWith('denied '));
      if (denied)
        throw new ReadError(
          `${t.host}: cannot list ${denied.slice(7)} (Include ${pattern}): permission denied`,
        );
      if (r.exitCode !== 0 || lines.some((l) => !l.startsWith('file ')))
        throw new ReadError(
          `${t.host}: cannot expand Include ${pattern}: ${r.stderr.trim() || r.stdout.slice(0, 80)}`,
        );
      return lines.map((l) => l.slice(5));
    },
  };
}

/** `[major, minor]` from `OpenSSH_9.2p1, OpenSSL…`, or undefined. */
export function parseVersion(text: string): [number, number] | undefined {
  const m = /OpenSSH_(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Built-in values `sshd -T` prints for keywords no file sets (upstream OpenSSH ≥ 7.4, as Debian builds it). */
export const SSHD_DEFAULTS: Record<string, string> = {
  port: '22',
  addressfamily: 'any',
  usepam: 'no',
  logingracetime: '120',
  maxauthtries: '6',
  maxsessions: '10',
  clientaliveinterval: '0',
  clientalivecountmax: '3',
  permitrootlogin: 'without-password',
  ignorerhosts: 'yes',
  hostbasedauthentication: 'no',
  pubkeyauthentication: 'yes',
  kerberosauthentication: 'no',
  gssapiauthentication: 'no',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  printmotd: 'yes',
  x11forwarding: 'no',
  x11uselocalhost: 'yes',
  permittty: 'yes',
  strictmodes: 'yes',
  tcpkeepalive: 'yes',
  permitemptypasswords: 'no',
  compression: 'yes',
  gatewayports: 'no',
  usedns: 'no',
  allowtcpforwarding: 'yes',
  allowagentforwarding: 'yes',
  disableforwarding: 'no',
  allowstreamlocalforwarding: 'yes',
  loglevel: 'INFO',
  syslogfacility: 'AUTH',
  banner: 'none',
  forcecommand: 'none',
  chrootdirectory: 'none',
  authenticationmethods: 'any',
  maxstartups: '10:30:100',
  permittunnel: 'no',
  permituserenvironment: 'no',
  permitopen: 'any',
  permitlisten: 'any',
  authorizedkeysfile: '.ssh/authorized_keys .ssh/authorized_keys2',
};

/** The oldest OpenSSH whose built-in defaults SSHD_DEFAULTS describes. */
export const DEFAULTS_SINCE: [number, number] = [7, 4];
