/**
 * Where and as whom to connect: the inventory entry first, then ~/.ssh/config (through the
 * ssh-config parser: Host patterns, HostName, User, Port, IdentityFile, ProxyJump,
 * UserKnownHostsFile), then OpenSSH's defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { HostEntry } from '../../policies/types.ts';

export interface SshTarget {
  /** The inventory name, for messages. */
  name: string;
  hostname: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** `[user@]host[:port]` from ProxyJump, when the inventory names no jump host. */
  proxyJump?: string;
  knownHostsFiles: string[];
}

const expandHome = (p: string) => (p.startsWith('~/') ? join(homedir(), p.slice(2)) : p);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Reads the ssh config a host asks for (`sshConfig: true` → ~/.ssh/config); {} when absent. */
export function readSshConfig(
  host: HostEntry,
  resolvePath: (p: string) => string,
): Record<string, string | string[]> {
  if (!host.sshConfig) return {};
  const file = host.sshConfig === true ? join(homedir(), '.ssh', 'config') : resolvePath(host.sshConfig);
  if (!existsSync(file)) return {};
  return SSHConfig.parse(readFileSync(file, 'utf8')).compute(host.address ?? host.name);
}

/** @example resolveSshTarget({ name: 'master', address: 'master', sshConfig: true }, ctx.path) */
export function resolveSshTarget(host: HostEntry, resolvePath: (p: string) => string): SshTarget {
  const cfg = readSshConfig(host, resolvePath);
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((k) => join(homedir(), '.ssh', k));
  const identityFiles = host.identityFile
    ? [resolvePath(host.identityFile)]
    : all(cfg.IdentityFile)
        .map(expandHome)
        .concat(defaults)
        .filter((f) => existsSync(f));
  const proxyJump = first(cfg.ProxyJump);
  return {
    name: host.name,
    hostname: first(cfg.HostName) ?? host.address ?? host.name,
    port: host.port ?? (first(cfg.Port) ? Number(first(cfg.Port)) : 22),
    user: host.user ?? first(cfg.User) ?? userInfo().username,
    identityFiles,
    proxyJump: host.jump || !proxyJump || proxyJump === 'none' ? undefined : proxyJump,
    knownHostsFiles: host.knownHosts
      ? [resolvePath(host.knownHosts)]
      : [
          ...all(cfg.UserKnownHostsFile)
            .flatMap((f) => f.split(/\s+/))
            .map(expandHome),
          join(homedir(), '.ssh', 'known_hosts'),
          '/etc/ssh/ssh_known_hosts',
        ],
  };
}

/** `[user@]host[:port]` (the first hop of a ProxyJump list) as an inventory-like entry. */
export function jumpEntry(spec: string, base: HostEntry): HostEntry {
  const hop = spec.split(',')[0].trim();
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hop);
  if (!m) throw new Error(`cannot parse ProxyJump ${JSON.stringify(spec)}`);
  return {
    name: `${hop} (jump for ${base.name})`,
    address: m[2].replace(/^\[|\]$/g, ''),
    user: m[1],
    port: m[3] ? Number(m[3]) : undefined,
    sshConfig: base.sshConfig,
    knownHosts: base.knownHosts,
    agent: base.agent,
    identityFile: base.identityFile,
  };
}
