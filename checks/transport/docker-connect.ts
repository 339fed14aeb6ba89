/**
 * How an inventory host's Docker engine is reached: a Unix socket on this machine, TCP/TLS, or
 * the engine socket on the host through the host's existing SSH connection (a stream-local
 * forward: no docker CLI needed on the host, no second SSH connection).
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { DockerEndpoint, HostEntry } from '../../policies/types.ts';
import type { CommandTransport } from './command.ts';
import { TransportError } from './command.ts';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface ModemOptions {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  agent: Agent;
  timeout: number;
}

export interface Connection {
  options: ModemOptions;
  /** For evidence and messages. */
  endpoint: string;
}

/** Everything a connection needs from the run, so this file stays free of ProbeContext. */
export interface ConnectDeps {
  timeoutMs: number;
  resolvePath(p: string): string;
  /** The host's command transport; only asked for when the engine is reached over SSH. */
  commands(): CommandTransport;
  isLocal: boolean;
}

/** Keep-alive and a bound on parallel requests: one engine answers many inspects per run. */
const MAX_SOCKETS = 16;

/**
 * docker-modem formats its request options with util.inspect (depth: null) on every call, even
 * with debug off; an Agent full of live sockets then costs ~100 ms a request. A one-word custom
 * inspection keeps 200 inspects under a second.
 */
function quiet<A extends Agent>(agent: A): A {
  Object.defineProperty(agent, Symbol.for('nodejs.util.inspect.custom'), { value: () => '[docker agent]' });
  return agent;
}

/** Decides how to reach `host`'s engine; throws TransportError for an endpoint that cannot work. */
export function connectionFor(host: HostEntry, endpoint: DockerEndpoint, deps: ConnectDeps): Connection {
  const timeout = deps.timeoutMs;
  if (endpoint.url) return tcpConnection(host, endpoint, deps);
  const socket = endpoint.socket ?? DEFAULT_SOCKET;
  // A socket path on a remote host can only be reached through that host's SSH connection.
  if (endpoint.viaSsh || !deps.isLocal) {
    const agent = sshAgent(host, socket, deps);
    return {
      options: { host: 'localhost', port: 80, protocol: 'http', agent, timeout },
      endpoint: `ssh://${host.name}${socket}`,
    };
  }
  const agent = quiet(new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }));
  return { options: { socketPath: socket, agent, timeout }, endpoint: `unix://${socket}` };
}

function tcpConnection(host: HostEntry, endpoint: DockerEndpoint, deps: ConnectDeps): Connection {
  const url = new URL(endpoint.url!);
  const tls = url.protocol === 'https:' || Boolean(endpoint.ca || endpoint.cert || endpoint.key);
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TransportError(
      `${host.name}: docker.url must be tcp://, http:// or https://, got ${url.protocol}`,
      host.name,
    );
  }
  const read = (p: string | undefined, what: string) => {
    if (!p) return undefined;
    try {
      return readFileSync(deps.resolvePath(p));
    } catch (e) {
      throw new TransportError(`${host.name}: cannot read docker ${what} file ${p}`, host.name, { cause: e });
    }
  };
  const port = Number(url.port || (tls ? 2376 : 2375));
  const files = {
    ca: read(endpoint.ca, 'CA'),
    cert: read(endpoint.cert, 'certificate'),
    key: read(endpoint.key, 'key'),
  };
  // Certificates are verified (the https default); an https request needs an https agent.
  const agent = quiet(
    tls
      ? new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS, ...files })
      : new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  );
  return {
    options: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      protocol: tls ? 'https' : 'http',
      ...files,
      agent,
      timeout: deps.timeoutMs,
    },
    endpoint: `${tls ? 'https' : 'http'}://${url.host}`,
  };
}

/**
 * An http.Agent whose connections are stream-local forwards over the host's SSH connection.
 * Node's Agent accepts an asynchronous createConnection (callback form), which is how
 * docker-modem's own SSH agent plugs its streams in as well.
 */
function sshAgent(host: HostEntry, socket: string, deps: ConnectDeps): Agent {
  const agent = quiet(new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }));
  type Callback = (err: Error | null, stream?: Duplex) => void;
  (agent as unknown as { createConnection: (o: unknown, cb: Callback) => undefined }).createConnection = (
    _options,
    callback,
  ) => {
    const commands = deps.commands();
    if (!commands.openUnixSocket) {
      callback(
        new TransportError(`${host.name}: its command transport cannot forward to ${socket}`, host.name),
      );
      return undefined;
    }
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(
        new TransportError(
          `${host.name}: forwarding to ${socket} timed out after ${deps.timeoutMs} ms`,
          host.name,
        ),
      );
    }, deps.timeoutMs);
    commands.openUnixSocket(socket).then(
      (stream) => {
        clearTimeout(timer);
        if (settled) {
          stream.destroy();
          return;
        }
        settled = true;
        // http expects socket methods that an SSH channel lacks; they are hints, so no-ops do.
        const s = stream as Duplex & Record<string, unknown>;
        for (const m of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) {
          if (typeof s[m] !== 'function') s[m] = () => s;
        }
        callback(null, stream);
      },
      (err) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        callback(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return undefined;
  };
  return agent;
}
