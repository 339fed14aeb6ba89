/**
 * Opens one ssh2 connection: host key checked against known_hosts before authentication,
 * key file and/or agent, keepalive, a connect timeout, an optional socket through a jump host.
 */
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { type AgentAuthMethod, type AuthMethod, Client, type PublicKeyAuthMethod } from 'ssh2';
import { TransportError } from './command.ts';
import { type HostKeyVerdict, verifyHostKey } from './known-hosts.ts';
import type { SshTarget } from './ssh-config.ts';

export interface ConnectOptions {
  target: SshTarget;
  timeoutMs: number;
  /** ssh-agent socket path. */
  agent?: string;
  /** A stream to the target through a jump host (forwardOut). */
  sock?: Duplex;
}

function readKey(file: string, host: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new TransportError(`${host}: cannot read identity file ${file}`, host, { cause: err });
  }
}

function keyMessage(t: SshTarget, v: Exclude<HostKeyVerdict, { ok: true }>): string {
  const where = `${t.hostname}:${t.port}`;
  const what = {
    unknown: 'offered a host key that is not in known_hosts',
    changed:
      'offered a host key that differs from the one in known_hosts (changed key: possible man-in-the-middle)',
    revoked: 'offered a host key marked @revoked in known_hosts',
  }[v.reason];
  return `${t.name} (${where}) ${what}: ${v.keyType} ${v.fingerprint}; checked ${v.files.join(', ')}`;
}

/** @example const client = await connectSsh({ target, timeoutMs: 10_000, agent: process.env.SSH_AUTH_SOCK }) */
export function connectSsh(o: ConnectOptions): Promise<Client> {
  const t = o.target;
  const keys = t.identityFiles.map((f) => readKey(f, t.name));
  if (!keys.length && !o.agent) {
    return Promise.reject(
      new TransportError(`${t.name}: no identity file and no ssh-agent to authenticate with`, t.name),
    );
  }
  const methods: (PublicKeyAuthMethod | AgentAuthMethod)[] = [
    ...keys.map((key): PublicKeyAuthMethod => ({ type: 'publickey', username: t.user, key })),
    ...(o.agent ? [{ type: 'agent', username: t.user, agent: o.agent } as AgentAuthMethod] : []),
  ];
  return new Promise((resolve, reject) => {
    const client = new Client();
    let rejected: Exclude<HostKeyVerdict, { ok: true }> | undefined;
    const fail = (err: Error) => {
      client.removeAllListeners('ready');
      // ssh2 may emit a second error while tearing down (e.g. after a handshake timeout).
      client.on('error', () => {});
      client.end();
      if (rejected) reject(new TransportError(keyMessage(t, rejected), t.name, { cause: err }));
      else
        reject(
          new TransportError(
            `${t.name} (${t.hostname}:${t.port}): cannot connect as ${t.user}: ${err.message}`,
            t.name,
            { cause: err },
          ),
        );
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      client.on('error', () => {});
      resolve(client);
    });
    client.once('error', fail);
    try {
      client.connect({
        host: t.hostname,
        port: t.port,
        username: t.user,
        ...(o.sock ? { sock: o.sock } : {}),
        // Each key file, then the agent, in that order (what ssh -i … with an agent does).
        authHandler: methods as AuthMethod[],
        readyTimeout: o.timeoutMs,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          const verdict = verifyHostKey(key, t.hostname, t.port, t.knownHostsFiles);
          if (!verdict.ok) rejected = verdict;
          return verdict.ok;
        },
      });
    } catch (err) {
      // A malformed or passphrase-protected key is refused synchronously.
      reject(
        new TransportError(
          `${t.name}: cannot use identity ${t.identityFiles.join(', ')}: ${(err as Error).message}`,
          t.name,
          { cause: err },
        ),
      );
    }
  });
}
