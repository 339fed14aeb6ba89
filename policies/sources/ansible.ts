/**
 * An Ansible inventory as hosts: through `ansible-inventory --list` when Ansible is installed
 * (it knows every plugin and format), else this module's own INI and YAML readers. Each host
 * keeps its Ansible groups; ansible_host, ansible_port, ansible_user and the private key file
 * become its address, port, user and identity file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { HostEntry } from '../types.ts';
import { parseAnsibleIni } from './ansible-ini.ts';
import { AnsibleInventory } from './ansible-model.ts';
import { resolveSourcePath } from './paths.ts';
import { inventoryName } from './template.ts';
import { type AnsibleSource, type Resolved, type SourceContext, SourceError } from './types.ts';

/** @example await ansibleSource({ name: 'prod', kind: 'ansible', path: 'hosts.ini' }, ctx) */
export async function ansibleSource(s: AnsibleSource, ctx: SourceContext): Promise<Resolved> {
  const file = resolveSourcePath(ctx.baseDir, s.path);
  let inv: AnsibleInventory;
  let via: string;
  const listed = ansibleInventoryList(file, ctx.timeoutMs);
  try {
    if (listed !== undefined) {
      inv = fromList(JSON.parse(listed));
      via = 'ansible-inventory --list';
    } else {
      const text = readFileSync(file, 'utf8');
      inv =
        /\.ya?ml$/i.test(file) || /^\s*(---|all:)/.test(text)
          ? fromYaml(yaml.load(text))
          : parseAnsibleIni(text);
      via = 'readyspec';
    }
  } catch (err) {
    throw new SourceError(s.name, `${s.path}: ${(err as Error).message}`, { cause: err });
  }
  const hosts: HostEntry[] = [];
  for (const h of inv.hosts()) {
    if (s.only && !h.groups.some((g) => s.only?.includes(g))) continue;
    const v = h.vars;
    const host: HostEntry = {
      name: inventoryName(h.name),
      groups: h.groups.map(inventoryName).filter(Boolean),
    };
    const address = v.ansible_host ?? v.ansible_ssh_host;
    host.address = typeof address === 'string' ? address : h.name;
    const port = Number(v.ansible_port ?? v.ansible_ssh_port);
    if (Number.isInteger(port) && port > 0) host.port = port;
    const user = v.ansible_user ?? v.ansible_ssh_user;
    if (typeof user === 'string') host.user = user;
    const key = v.ansible_ssh_private_key_file ?? v.ansible_private_key_file;
    if (typeof key === 'string') host.identityFile = key;
    if (v.ansible_connection === 'local') host.transport = 'local';
    hosts.push(host);
  }
  return { hosts, endpoints: [], notes: [`read by ${via}`] };
}

/** stdout of `ansible-inventory --list`, or undefined when Ansible is not installed. */
function ansibleInventoryList(file: string, timeoutMs: number): string | undefined {
  try {
    return execFileSync('ansible-inventory', ['-i', file, '--list'], {
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`ansible-inventory failed: ${stderr.slice(-300) || (err as Error).message}`);
  }
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `ansible-inventory --list` JSON: groups with hosts/children lists, vars in _meta.hostvars. */
export function fromList(data: unknown): AnsibleInventory {
  if (!isMap(data)) throw new Error('ansible-inventory --list did not print a JSON object');
  const inv = new AnsibleInventory();
  const hostvars = isMap(data._meta) && isMap(data._meta.hostvars) ? data._meta.hostvars : {};
  for (const [name, g] of Object.entries(data)) {
    if (name === '_meta' || !isMap(g)) continue;
    const group = inv.group(name);
    for (const h of Array.isArray(g.hosts) ? g.hosts : [])
      if (typeof h === 'string') group.hosts.set(h, isMap(hostvars[h]) ? (hostvars[h] as Json) : {});
    for (const c of Array.isArray(g.children) ? g.children : [])
      if (typeof c === 'string') group.children.add(c);
    if (isMap(g.vars)) group.vars = g.vars;
  }
  return inv;
}

/** The YAML format: `all: { hosts: {h: vars}, vars: {}, children: { group: {…} } }`. */
export function fromYaml(data: unknown): AnsibleInventory {
  if (!isMap(data)) throw new Error('the YAML inventory is not a mapping of groups');
  const inv = new AnsibleInventory();
  const visit = (name: string, g: unknown, depth: number) => {
    if (depth > 64) throw new Error(`group ${name} is nested more than 64 levels`);
    const group = inv.group(name);
    if (g === null || g === undefined) return;
    if (!isMap(g)) throw new Error(`group ${name} is not a mapping`);
    if (isMap(g.hosts)) for (const [h, v] of Object.entries(g.hosts)) group.hosts.set(h, isMap(v) ? v : {});
    if (isMap(g.vars)) group.vars = g.vars;
    if (isMap(g.children))
      for (const [c, child] of Object.entries(g.children)) {
        group.children.add(c);
        visit(c, child, depth + 1);
      }
  };
  for (const [name, g] of Object.entries(data)) visit(name, g, 0);
  return inv;
}
