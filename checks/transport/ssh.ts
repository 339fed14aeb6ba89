/**
 * SSH transport (ssh2): one connection per host for the whole run, commands coalesced into
 * batches (one exec, many commands, outputs kept apart), a bounded number of channels per
 * host and of hosts at once, per-command timeouts, host keys checked against known_hosts.
 */
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import {
  type Command,
  type CommandResult,
  type CommandTransport,
  type RunOptions,
  shellQuote,
  TransportError,
} from './command.ts';
import { coalesce } from './ssh-batch.ts';
import { jumpEntry, resolveSshTarget, type SshTarget } from './ssh-config.ts';
import { connectSsh } from './ssh-connection.ts';
import { execWithStdin, type Pending, runBatch } from './ssh-exec.ts';
import { createSshLimits, type SshLimits } from './ssh-limits.ts';

export interface SshTransportOptions {
  timeoutMs: number;
  /** The host allows `sudo -n`. */
  sudo?: boolean;
  agent?: string;
  limits: SshLimits;
  /** A stream to the target through a jump host. */
  via?: () => Promise<Duplex>;
}

export class SshTransport implements CommandTransport {
  readonly host: string;
  #client?: Promise<Client>;
  #queue: Pending[] = [];
  #channels = 0;
  #holdsSlot = false;
  #acquiring = false;
  #scheduled = false;
  #closed = false;

  constructor(
    readonly target: SshTarget,
    private readonly o: SshTransportOptions,
  ) {
    this.host = target.name;
  }

  run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    if (this.#closed)
      return Promise.reject(new TransportError(`${this.host}: transport already closed`, this.host));
    // Batched commands run with stdin closed; one that reads a secret from stdin gets its own exec.
    if (options.stdin !== undefined) return this.#runWithStdin(command, options, options.stdin);
    return new Promise((resolve, reject) => {
      const sudo = Boolean(options.sudo && this.o.sudo);
      this.#queue.push({ command, sudo, timeoutMs: options.timeoutMs ?? this.o.timeoutMs, resolve, reject });
      // Commands issued in the same turn of the event loop join one batch.
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          void this.#pump();
        });
      }
    });
  }

  async #pump(): Promise<void> {
    if (!this.#queue.length) return this.#maybeReleaseSlot();
    if (!this.#holdsSlot) {
      if (this.#acquiring) return;
      this.#acquiring = true;
      await this.o.limits.hosts.acquire();
      this.#acquiring = false;
      this.#holdsSlot = true;
    }
    const { channelsPerHost, maxBatch, minBatch } = this.o.limits;
    while (this.#queue.length && this.#channels < channelsPerHost) {
      // Spread what is queued over the free channels: the batches run side by side.
      const spread = Math.ceil(this.#queue.length / (channelsPerHost - this.#channels));
      const size = Math.min(maxBatch, Math.max(minBatch, spread));
      const items = this.#queue.splice(0, size);
      this.#channels++;
      void this.#runBatch(items).finally(() => {
        this.#channels--;
        void this.#pump();
      });
    }
  }

  #maybeReleaseSlot(): void {
    if (this.#holdsSlot && this.#channels === 0 && !this.#queue.length) {
      this.#holdsSlot = false;
      this.o.limits.hosts.release();
    }
  }

  async #runBatch(items: Pending[]): Promise<void> {
    let client: Client;
    try {
      client = await this.#connect();
    } catch (err) {
      for (const item of items) item.reject(err);
      return;
    }
    const retry = await runBatch(client, this.host, coalesce(items));
    // Commands that had not started when a neighbour timed out go round again.
    if (retry.length) this.#queue.unshift(...retry);
  }

  async #runWithStdin(command: Command, options: RunOptions, stdin: string): Promise<CommandResult> {
    const client = await this.#connect();
    const script =
      options.sudo && this.o.sudo ? `sudo -n /bin/sh -c ${shellQuote(command.script)}` : command.script;
    return execWithStdin(
      client,
      this.host,
      { script, template: command.template },
      stdin,
      options.timeoutMs ?? this.o.timeoutMs,
    );
  }

  /** The host's one connection; a dropped connection is re-opened once on the next command. */
  #connect(): Promise<Client> {
    if (!this.#client) {
      const client = (async () => {
        const sock = this.o.via ? await this.o.via() : undefined;
        return connectSsh({ target: this.target, timeoutMs: this.o.timeoutMs, agent: this.o.agent, sock });
      })();
      this.#client = client;
      client.then(
        (c) =>
          c.once('close', () => {
            if (this.#client === client) this.#client = undefined;
          }),
        () => {},
      );
    }
    return this.#client;
  }

  async #open(
    what: string,
    open: (c: Client, cb: (err: Error | undefined, s: ClientChannel) => void) => void,
  ): Promise<Duplex> {
    const client = await this.#connect();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new TransportError(`${this.host}: ${what} timed out after ${this.o.timeoutMs} ms`, this.host),
          ),
        this.o.timeoutMs,
      );
      open(client, (err, stream) => {
        clearTimeout(timer);
        if (err)
          reject(
            new TransportError(`${this.host}: ${what} refused: ${err.message}`, this.host, { cause: err }),
          );
        else resolve(stream);
      });
    });
  }

  /** A stream-local forward to a Unix socket on the host (e.g. /var/run/docker.sock). */
  openUnixSocket(path: string): Promise<Duplex> {
    return this.#open(`forwarding to ${path}`, (c, cb) => c.openssh_forwardOutStreamLocal(path, cb));
  }

  /** A TCP stream from the host to host:port (this host as a jump host). */
  forwardOut(host: string, port: number): Promise<Duplex> {
    return this.#open(`forwarding to ${host}:${port}`, (c, cb) =>
      c.forwardOut('127.0.0.1', 0, host, port, cb),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    const c = await client?.catch(() => undefined);
    if (!c) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      c.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      c.end();
    });
  }
}

/** The SSH transport of an inventory host (hosts.ts caches it per host for the run). */
export function createSshTransport(ctx: ProbeContext, host: HostEntry): CommandTransport {
  const target = resolveSshTarget(host, (p) => ctx.path(p));
  const limits = ctx.shared('ssh:limits', () => createSshLimits());
  const agent =
    typeof host.agent === 'string'
      ? ctx.path(host.agent)
      : host.agent
        ? process.env.SSH_AUTH_SOCK
        : undefined;
  const jumpSpec = host.jump ?? target.proxyJump;
  let via: (() => Promise<Duplex>) | undefined;
  if (jumpSpec) {
    const entry = host.jump
      ? ctx.policy.inventory.hosts.find((h) => h.name === host.jump)
      : jumpEntry(jumpSpec, host);
    // Same cache key as hosts.ts, so a jump host that is also audited keeps one connection.
    const jump = () =>
      ctx.shared(`command:${entry?.name}`, () => {
        const t = createSshTransport(ctx, entry as HostEntry);
        ctx.onClose(() => t.close());
        return t;
      }) as SshTransport;
    via = () =>
      entry
        ? jump().forwardOut(target.hostname, target.port)
        : Promise.reject(
            new TransportError(`${host.name}: jump host ${jumpSpec} is not in the inventory`, host.name),
          );
  }
  return new SshTransport(target, { timeoutMs: ctx.options.timeoutMs, sudo: host.sudo, agent, limits, via });
}
