/**
 * One list + inspect of every container per host per run, shared by all container probes:
 * a run with dozens of docker controls asks the engine once, not once per control.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import {
  DockerApiError,
  type DockerTransport,
  dockerTransport,
  type PortBinding,
} from '../transport/docker.ts';

export interface Binding {
  /** Host address as the engine reports it; '' in a config means every address. */
  hostIp: string;
  hostPort: string;
  /** `8080/tcp`. */
  containerPort: string;
}

/** What probes read about one container: plain data, no engine types. */
export interface ContainerFacts {
  id: string;
  name: string;
  image: string;
  state: string;
  running: boolean;
  /** healthy | unhealthy | starting, or null without a healthcheck. */
  health: string | null;
  healthcheck: boolean;
  restartPolicy: string;
  restartCount: number;
  oomKilled: boolean;
  privileged: boolean;
  memory: number;
  nanoCpus: number;
  cpuQuota: number;
  /** Running: the bindings in force; otherwise the configured ones. */
  ports: Binding[];
}

/** Where probes get containers from; a test can hand in any implementation. */
export interface ContainerSource {
  readonly host: string;
  readonly source: string;
  containers(): Promise<ContainerFacts[]>;
}

const INSPECT_CONCURRENCY = 16;

/** Reads every container once (memoised): list, then inspect with bounded parallelism. */
export function snapshotSource(docker: DockerTransport): ContainerSource {
  let snapshot: Promise<ContainerFacts[]> | undefined;
  return {
    host: docker.host,
    get source() {
      return docker.endpoint;
    },
    containers: () => {
      snapshot ??= readContainers(docker);
      return snapshot;
    },
  };
}

/** The run's shared container snapshot of `host`. */
export function hostContainers(ctx: ProbeContext, host: HostEntry): ContainerSource {
  return ctx.shared(`docker-snapshot:${host.name}`, () => {
    try {
      return snapshotSource(dockerTransport(ctx, host));
    } catch (err) {
      // An endpoint that cannot even be set up (unreadable CA file, bad URL) is an `error` outcome.
      return {
        host: host.name,
        source: host.docker?.url ?? host.docker?.socket ?? 'docker',
        containers: () => Promise.reject(err),
      };
    }
  });
}

async function readContainers(docker: DockerTransport): Promise<ContainerFacts[]> {
  const list = await docker.listContainers();
  const facts: (ContainerFacts | undefined)[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      try {
        facts[i] = toFacts(await docker.inspectContainer(list[i].Id));
      } catch (err) {
        // Removed between list and inspect: it is simply not there any more.
        if (err instanceof DockerApiError && err.statusCode === 404) continue;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, list.length) }, worker));
  return facts
    .filter((f): f is ContainerFacts => f !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

function toFacts(c: import('../transport/docker.ts').ContainerInspect): ContainerFacts {
  const test = c.Config?.Healthcheck?.Test;
  const running = Boolean(c.State?.Running);
  const live = c.NetworkSettings?.Ports;
  return {
    id: c.Id.slice(0, 12),
    name: c.Name.replace(/^\//, ''),
    image: c.Config?.Image ?? '',
    state: c.State?.Status ?? 'unknown',
    running,
    health: c.State?.Health?.Status ?? null,
    healthcheck: Array.isArray(test) && test.length > 0 && test[0] !== 'NONE',
    restartPolicy: c.HostConfig?.RestartPolicy?.Name || 'no',
    restartCount: c.RestartCount ?? 0,
    oomKilled: Boolean(c.State?.OOMKilled),
    privileged: Boolean(c.HostConfig?.Privileged),
    memory: c.HostConfig?.Memory ?? 0,
    nanoCpus: c.HostConfig?.NanoCpus ?? 0,
    cpuQuota: c.HostConfig?.CpuQuota ?? 0,
    ports: toBindings(running && live ? live : c.HostConfig?.PortBindings),
  };
}

function toBindings(map: Record<string, PortBinding[] | null> | null | undefined): Binding[] {
  const out: Binding[] = [];
  for (const [containerPort, list] of Object.entries(map ?? {})) {
    for (const b of list ?? [])
      out.push({ hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '', containerPort });
  }
  return out;
}
