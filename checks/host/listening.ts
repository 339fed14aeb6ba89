/**
 * Listening sockets, one verdict per socket (`tcp 0.0.0.0:22`, `udp [::1]:53`): a socket is
 * allowed when its port may face every network (`allowPorts`) or its address lies in an allowed
 * range (`allowAddresses`, CIDR or `loopback`/`private`; default the loopback range). Addresses
 * are compared as addresses (checks/address.ts), never as strings. The check can be scoped to
 * ports, process names or a container's published ports.
 */
import { compileRanges, inRanges, isWildcard, LOOPBACK_RANGES, type Range, showAddress } from '../address.ts';
import {
  type Evidence,
  fail,
  notApplicable,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import type { Command, CommandTransport } from '../transport/command.ts';
import {
  applyScope,
  type ContainerPorts,
  type ListeningScope,
  type PublishedPort,
} from './listening-scope.ts';
import { parseProcNet, procNetCommands, type Socket, TABLES } from './proc-net.ts';
import { exitText, guarded, ReadError, runPreferSudo } from './read.ts';
import { holders, noHolderReason, type Owners, ownersCommand, parseOwners } from './socket-owners.ts';

export { decodeAddress, parseProcNet, type Socket } from './proc-net.ts';

export interface ListeningParams extends ListeningScope {
  /** Ports that may listen on any address, wildcard included (e.g. 22, 80, 443). Default none. */
  allowPorts?: number[];
  /** Address ranges any port may listen on: CIDR, addresses, `loopback`, `private`. Default `loopback`. */
  allowAddresses?: string[];
}

/** The commands the probe runs: the four socket tables, then the process table (with sudo where allowed). */
export function listeningCommands(): Command[] {
  return [...procNetCommands(), ownersCommand];
}

/** How people name a socket: `tcp 0.0.0.0:22`, `udp [::1]:53`. */
export function socketName(s: { protocol: string; address: string; port: number }): string {
  return `${s.protocol} ${showAddress(s.address)}:${s.port}`;
}

/** The params compiled once per check: allowed ports and address ranges. */
export interface ListeningRule {
  allowPorts: number[];
  allowAddresses: string[];
  ranges: Range[];
}

export function listeningRule(p: ListeningParams): ListeningRule {
  const allowAddresses = p.allowAddresses ?? LOOPBACK_RANGES;
  return { allowPorts: p.allowPorts ?? [], allowAddresses, ranges: compileRanges(allowAddresses) };
}

/**
 * Why a socket is not allowed, or null when it is.
 * @example socketViolation({ address: '127.0.0.21', port: 3306 }, listeningRule({})) // null
 */
export function socketViolation(s: { address: string; port: number }, rule: ListeningRule): string | null {
  if (rule.allowPorts.includes(s.port)) return null;
  if (inRanges(s.address, rule.ranges)) return null;
  const where = isWildcard(s.address) ? 'every address' : showAddress(s.address);
  return `port ${s.port} listens on ${where}, outside ${rule.allowAddresses.join(', ')} and not in allowPorts`;
}

/**
 * Checks every listening socket in scope against the allowed ports and address ranges.
 * @example await listening(ssh, { processes: ['mariadbd'], allowAddresses: ['loopback'] })
 */
export async function listening(
  t: CommandTransport,
  p: ListeningParams,
  containerPorts?: ContainerPorts,
): Promise<ProbeResult> {
  const source = `${t.host}:/proc/net/{tcp,tcp6,udp,udp6}`;
  return guarded(source, async () => {
    const [tables, ownersRun] = await Promise.all([
      Promise.all(procNetCommands().map((c) => t.run(c))),
      runPreferSudo(t, ownersCommand),
    ]);
    const sockets: Socket[] = [];
    tables.forEach((r, i) => {
      const table = TABLES[i];
      // tcp6/udp6 are absent when IPv6 is disabled; the IPv4 tables must be there.
      if (r.exitCode !== 0 && table.endsWith('6') && /No such file/i.test(r.stderr)) return;
      if (r.exitCode !== 0)
        throw new ReadError(
          `${t.host}: cannot read /proc/net/${table}: ${r.stderr.trim() || exitText(r.exitCode)}`,
        );
      sockets.push(
        ...parseProcNet(r.stdout, table.startsWith('tcp') ? 'tcp' : 'udp', `${t.host}: /proc/net/${table}`),
      );
    });
    let owners: Owners | undefined;
    let ownersNote: string | undefined;
    try {
      if (ownersRun.exitCode !== 0)
        throw new ReadError(ownersRun.stderr.trim() || exitText(ownersRun.exitCode));
      owners = parseOwners(ownersRun.stdout);
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
      ownersNote = `process table not readable: ${err.message}`;
    }
    const scoped = await applyScope(sockets, p, owners, containerPorts);
    const rule = listeningRule(p);
    const scope = scopeOf(p);
    if ('error' in scoped)
      throw new ReadError(`${t.host}: ${scoped.error}${ownersNote ? ` (${ownersNote})` : ''}`);
    const summary: Evidence = { source, expected: expectedOf(rule), ...(scope ? { scope } : {}) };
    if ('none' in scoped) return notApplicable(`${t.host}: ${scoped.none}`, { ...summary, subjects: 0 });
    const subjects = [
      ...judgeSockets(scoped.sockets, rule, owners, ownersNote, source),
      ...scoped.published.map((b) => judgeBinding(b, rule)),
    ].sort((a, b) => a.subject.localeCompare(b.subject));
    return perSubject(t.host, 'listening sockets', subjects, summary);
  });
}

function expectedOf(rule: ListeningRule): Evidence['expected'] {
  return { allowPorts: rule.allowPorts, allowAddresses: rule.allowAddresses };
}

function scopeOf(p: ListeningParams): Record<string, string[] | number[]> | undefined {
  const scope: Record<string, string[] | number[]> = {};
  for (const key of ['ports', 'processes', 'containers', 'protocols'] as const) {
    const v = p[key];
    if (v?.length) scope[key] = v;
  }
  return Object.keys(scope).length ? scope : undefined;
}

/** One subject per socket name; sockets sharing it (SO_REUSEPORT, forked workers) are one subject. */
function judgeSockets(
  sockets: Socket[],
  rule: ListeningRule,
  owners: Owners | undefined,
  ownersNote: string | undefined,
  source: string,
): SubjectResult[] {
  const byName = new Map<string, Socket[]>();
  for (const s of sockets) byName.set(socketName(s), [...(byName.get(socketName(s)) ?? []), s]);
  return [...byName].map(([name, group]) => {
    const s = group[0];
    const processes = holders(
      owners,
      group.map((g) => g.inode),
    );
    const observed = { protocol: s.protocol, address: s.address, port: s.port, processes };
    const evidence: Evidence = {
      observed,
      expected: expectedOf(rule),
      source,
      ...(processes.length ? {} : { process: noHolderReason(owners, ownersNote) }),
    };
    const by = processes.length ? ` (held by ${processes.join(', ')})` : '';
    const violation = socketViolation(s, rule);
    return subject(
      name,
      violation ? fail(`${name}${by}: ${violation}`, evidence) : pass(`${name}${by}: allowed`, evidence),
    );
  });
}

/** A published port without a listening socket (userland proxy off): judged from the engine's binding. */
function judgeBinding(b: PublishedPort, rule: ListeningRule): SubjectResult {
  const address = b.hostIp === '' ? '0.0.0.0' : b.hostIp;
  const name = socketName({ protocol: b.protocol, address, port: b.hostPort });
  const evidence: Evidence = {
    observed: { protocol: b.protocol, address, port: b.hostPort, container: b.container },
    expected: expectedOf(rule),
    source: 'docker engine port bindings (no listening socket on the host)',
  };
  const violation = socketViolation({ address, port: b.hostPort }, rule);
  return subject(
    name,
    violation
      ? fail(`${name} (published by ${b.container}): ${violation}`, evidence)
      : pass(`${name} (published by ${b.container}): allowed`, evidence),
  );
}
