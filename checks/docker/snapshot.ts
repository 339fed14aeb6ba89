/**
 * One list + inspect of every container per host per run, shared by all container probes:
 * a run with dozens of docker controls asks the engine once, not once per control.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import {
  type ContainerSummary,
  DockerApiError,
  type DockerTransport,
  dockerTransport,
} from '../transport/docker.ts';
import { type ContainerFacts, MalformedAnswer, preview, toFacts, unreadableFacts } from './facts.ts';

export type { Binding, ContainerFacts } from './facts.ts';

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
  const answer: unknown = await docker.listContainers();
  // An answer cut short parses as nothing (dockerode then hands back the raw bytes).
  if (!Array.isArray(answer) || answer.some((c) => typeof c?.Id !== 'string'))
    throw new MalformedAnswer(
      `${docker.host}: docker list containers via ${docker.endpoint}: the answer is not a container list (got ${preview(answer)})`,
    );
  const list = answer as ContainerSummary[];
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
        // One container's answer unusable: that container is `error` in every probe, the others are judged.
        if (err instanceof MalformedAnswer) facts[i] = unreadableFacts(list[i], err.message);
        else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, list.length) }, worker));
  return facts
    .filter((f): f is ContainerFacts => f !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
