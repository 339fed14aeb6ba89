/**
 * Which sockets a listening check judges: all of them, or only a port's, a process's or a
 * container's published ports, so that "MariaDB listens on loopback only" judges mariadbd's
 * sockets and nothing else on the machine.
 */
import type { Protocol, Socket } from './proc-net.ts';
import { type Owners, processPids } from './socket-owners.ts';

export interface ListeningScope {
  /** Judge only sockets on these ports. */
  ports?: number[];
  /** Judge only sockets held by processes with these names (as in /proc/PID/comm). */
  processes?: string[];
  /** Judge only the host ports these containers publish. */
  containers?: string[];
  /** Default tcp and udp. */
  protocols?: Protocol[];
}

/** A port a container publishes, as its engine reports it. */
export interface PublishedPort {
  container: string;
  protocol: Protocol;
  /** '' or 0.0.0.0 / :: means every address. */
  hostIp: string;
  hostPort: number;
}

/** Reads the published ports of named containers; throws when the engine cannot be read or a name is unknown. */
export type ContainerPorts = (names: string[]) => Promise<PublishedPort[]>;

export type Scoped = { sockets: Socket[]; published: PublishedPort[] } | { error: string } | { none: string };

/** The sockets in scope, the engine's bindings that scope adds, or why the scope cannot be judged. */
export async function applyScope(
  all: Socket[],
  scope: ListeningScope,
  owners: Owners | undefined,
  containerPorts: ContainerPorts | undefined,
): Promise<Scoped> {
  const protocols = scope.protocols ?? ['tcp', 'udp'];
  let sockets = all.filter((s) => protocols.includes(s.protocol));
  if (scope.ports?.length) sockets = sockets.filter((s) => scope.ports?.includes(s.port));
  if (scope.processes?.length) {
    if (!owners) return { error: 'the process table could not be read' };
    const pids = new Set<number>();
    for (const name of scope.processes) {
      const found = processPids(owners, name);
      if ('error' in found) return { error: found.error };
      for (const pid of found.pids) pids.add(pid);
    }
    if (pids.size === 0) return { none: `no process named ${scope.processes.join(' or ')} runs` };
    sockets = sockets.filter((s) => (owners.byInode.get(s.inode) ?? []).some((pid) => pids.has(pid)));
  }
  let published: PublishedPort[] = [];
  if (scope.containers?.length) {
    if (!containerPorts)
      return { error: 'the host has no docker endpoint in the inventory, so container scope cannot be read' };
    published = (await containerPorts(scope.containers)).filter((b) => protocols.includes(b.protocol));
    if (published.length === 0) return { none: `${scope.containers.join(', ')} publish no host port` };
    const isPublished = (s: Socket) =>
      published.some((b) => b.hostPort === s.port && b.protocol === s.protocol);
    sockets = sockets.filter(isPublished);
    // With the userland proxy off, a published port has no listening socket: judge the binding.
    published = published.filter(
      (b) => !sockets.some((s) => s.port === b.hostPort && s.protocol === b.protocol),
    );
  }
  return { sockets, published };
}
