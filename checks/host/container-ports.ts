/**
 * A container's published host ports, from the run's shared engine snapshot (checks/docker), for
 * host.listening's `containers` scope. The Docker client loads only when a scope asks for it.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { describeError } from '../probe.ts';
import type { ContainerPorts, PublishedPort } from './listening-scope.ts';
import { ReadError } from './read.ts';

/** At most this many ports of one published range are judged. */
const MAX_RANGE = 1024;

function hostPorts(text: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return [];
  const from = Number(m[1]);
  const to = Math.min(Number(m[2] ?? m[1]), from + MAX_RANGE - 1);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i).filter((p) => p > 0);
}

/**
 * The resolver for a host with a docker endpoint; undefined without one.
 * @example await containerPortsOf(ctx, host)?.(['db']) // [{ container: 'db', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 3306 }]
 */
export function containerPortsOf(ctx: ProbeContext, host: HostEntry): ContainerPorts | undefined {
  if (!host.docker) return undefined;
  return async (names) => {
    const { hostContainers } = await import('../docker/snapshot.ts');
    let all: Awaited<ReturnType<ReturnType<typeof hostContainers>['containers']>>;
    try {
      all = await hostContainers(ctx, host).containers();
    } catch (err) {
      throw new ReadError(`${host.name}: cannot read the containers: ${describeError(err)}`, { cause: err });
    }
    const out: PublishedPort[] = [];
    for (const name of names) {
      const c = all.find((x) => x.name === name);
      if (!c)
        throw new ReadError(
          `${host.name}: no container named ${name} (the engine has ${
            all
              .map((x) => x.name)
              .slice(0, 10)
              .join(', ') || 'none'
          })`,
        );
      if (c.unread.ports)
        throw new ReadError(`${host.name}: ${name}: port bindings not readable (${c.unread.ports})`);
      for (const b of c.ports) {
        const protocol = b.containerPort.endsWith('/udp') ? 'udp' : 'tcp';
        for (const hostPort of hostPorts(b.hostPort))
          out.push({ container: name, protocol, hostIp: b.hostIp, hostPort });
      }
    }
    return out;
  };
}
