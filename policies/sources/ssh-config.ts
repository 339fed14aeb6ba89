/**
 * `~/.ssh/config` as hosts: one per alias of every `Host` line, patterns (`*`, `?`, `!`)
 * excluded. Each host keeps the file as its `sshConfig`, so the SSH transport reads HostName,
 * User, Port, IdentityFile and ProxyJump exactly as OpenSSH would (the ssh-config parser).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig, { type Directive, LineType } from 'ssh-config';
import type { HostEntry } from '../types.ts';
import { resolveSourcePath } from './paths.ts';
import { inventoryName } from './template.ts';
import { type Resolved, type SourceContext, SourceError, type SshConfigSource } from './types.ts';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** @example await sshConfigSource({ name: 'ssh', kind: 'ssh-config' }, ctx) */
export async function sshConfigSource(s: SshConfigSource, ctx: SourceContext): Promise<Resolved> {
  const file = s.path ? resolveSourcePath(ctx.baseDir, s.path) : join(homedir(), '.ssh', 'config');
  let config: ReturnType<typeof SSHConfig.parse>;
  try {
    config = SSHConfig.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SourceError(s.name, `${file}: ${(err as Error).message}`, { cause: err });
  }
  const aliases: string[] = [];
  const skipped: string[] = [];
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    const d = line as Directive;
    if (d.param.toLowerCase() !== 'host') continue;
    const values = Array.isArray(d.value) ? d.value.map((v) => v.val) : [String(d.value)];
    for (const v of values) (/[*?!]/.test(v) ? skipped : aliases).push(v);
  }
  const hosts: HostEntry[] = [];
  const seen = new Set<string>();
  for (const alias of aliases) {
    if (seen.has(alias)) continue;
    seen.add(alias);
    const cfg = config.compute(alias) as Record<string, string | string[]>;
    const host: HostEntry = { name: inventoryName(alias), transport: 'ssh', address: alias, sshConfig: file };
    const port = Number(first(cfg.Port));
    if (Number.isInteger(port) && port > 0) host.port = port;
    const user = first(cfg.User);
    if (user) host.user = user;
    hosts.push(host);
  }
  const notes = skipped.length ? [`patterns left out: ${skipped.join(', ')}`] : [];
  return { hosts, endpoints: [], notes };
}
