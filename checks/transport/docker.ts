/**
 * Docker transport: a read-only wrapper around dockerode. The client is private; the only
 * calls reachable are version, info, list containers, inspect container and df (all GET).
 * Every call has a hard timeout; any failure becomes a TransportError naming host and endpoint.
 */
import Docker from 'dockerode';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { describeError } from '../probe.ts';
import { TransportError } from './command.ts';
import type { ContainerInspect, ContainerSummary, DockerTransport, EngineVersion } from './docker-api.ts';
import { type ConnectDeps, type Connection, connectionFor } from './docker-connect.ts';
import { commandTransport, isLocalHost } from './hosts.ts';

export type {
  ContainerInspect,
  ContainerSummary,
  DockerTransport,
  EngineVersion,
  PortBinding,
} from './docker-api.ts';

/** An engine answered with an HTTP error (404 no such container, 403 forbidden…). */
export class DockerApiError extends TransportError {
  constructor(
    message: string,
    host: string,
    readonly statusCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, host, options);
    this.name = 'DockerApiError';
  }
}

class ReadOnlyDocker implements DockerTransport {
  readonly #docker: Docker;
  readonly #connection: Connection;

  constructor(
    readonly host: string,
    connection: Connection,
    private readonly timeoutMs: number,
  ) {
    this.#connection = connection;
    this.#docker = new Docker(connection.options as Docker.DockerOptions);
  }

  get endpoint(): string {
    return this.#connection.endpoint;
  }

  version(): Promise<EngineVersion> {
    return this.#call('version', () => this.#docker.version());
  }

  info(): Promise<Record<string, unknown>> {
    return this.#call('info', () => this.#docker.info());
  }

  listContainers(): Promise<ContainerSummary[]> {
    return this.#call('list containers', () => this.#docker.listContainers({ all: true }));
  }

  inspectContainer(id: string): Promise<ContainerInspect> {
    return this.#call(`inspect ${id.slice(0, 12)}`, () => this.#docker.getContainer(id).inspect());
  }

  df(): Promise<Record<string, unknown>> {
    return this.#call('df', () => this.#docker.df());
  }

  async close(): Promise<void> {
    this.#connection.options.agent.destroy();
  }

  async #call<T>(what: string, fn: () => Promise<unknown>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const noAnswer = new TransportError(
      `${this.#where(what)}: no answer after ${this.timeoutMs} ms`,
      this.host,
    );
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(noAnswer), this.timeoutMs);
    });
    try {
      return (await Promise.race([fn(), timeout])) as T;
    } catch (err) {
      if (err === noAnswer) throw err;
      const status = (err as { statusCode?: number }).statusCode;
      const why = `${this.#where(what)}: ${describeError(err)}`;
      if (typeof status === 'number') throw new DockerApiError(why, this.host, status, { cause: err });
      throw new TransportError(`${why}${hint(this.endpoint, err)}`, this.host, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  #where(what: string): string {
    return `${this.host}: docker ${what} via ${this.endpoint}`;
  }
}

/** What to check when an SSH forward to the engine socket is refused. */
function hint(endpoint: string, err: unknown): string {
  if (!endpoint.startsWith('ssh://') || !/open failed|Channel open failure/i.test(describeError(err)))
    return '';
  return ' (may the SSH user open the engine socket? its group, e.g. docker, must include the user)';
}

/** A read-only Docker client for an explicit connection (tests, the bench). */
export function createDockerTransport(host: HostEntry, deps: ConnectDeps): DockerTransport {
  if (!host.docker) throw new TransportError(`${host.name}: no docker endpoint in the inventory`, host.name);
  return new ReadOnlyDocker(host.name, connectionFor(host, host.docker, deps), deps.timeoutMs);
}

/** The host's engine client for the whole run (one per host, closed when the run ends). */
export function dockerTransport(ctx: ProbeContext, host: HostEntry): DockerTransport {
  return ctx.shared(`docker:${host.name}`, () => {
    const transport = createDockerTransport(host, {
      timeoutMs: ctx.options.timeoutMs,
      resolvePath: (p) => ctx.path(p),
      commands: () => commandTransport(ctx, host),
      isLocal: isLocalHost(host),
    });
    ctx.onClose(() => transport.close());
    return transport;
  });
}
