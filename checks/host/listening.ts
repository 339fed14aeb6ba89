/**
 * Listening sockets: nothing may listen on a wildcard address (0.0.0.0 / ::) except on
 * allowlisted ports. Read from /proc/net (every Linux has it, no ss/netstat needed, no root).
 */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, sourceOf } from './read.ts';

export interface ListeningParams {
  /** Ports that may bind 0.0.0.0 / :: (e.g. 80, 443, 22). */
  allowPorts: number[];
  /**
   * When given, binds on specific non-loopback addresses are judged too: only these
   * addresses (e.g. a VPN address) may be bound on ports outside `allowPorts`.
   */
  allowAddresses?: string[];
  protocols?: ('tcp' | 'udp')[];
}

export interface Socket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
}

const TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;

/** The commands the probe runs: one read of each /proc/net table. */
export function listeningCommands(): Command[] {
  return TABLES.map((table) => sh`cat ${`/proc/net/${table}`}`);
}

/** Decodes the kernel's hex address: IPv4 is one little-endian word, IPv6 four of them. */
export function decodeAddress(hex: string): string {
  if (hex.length === 8)
    return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  const bytes: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let i = 3; i >= 0; i--) bytes.push(word.slice(i * 2, i * 2 + 2));
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(Number.parseInt(bytes[i] + bytes[i + 1], 16).toString(16));
  // WHATWG URL parsing gives the canonical (RFC 5952) short form.
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}

/** Listening TCP sockets (state 0A) and bound, unconnected UDP sockets from one /proc/net table. */
export function parseProcNet(text: string, protocol: 'tcp' | 'udp'): Socket[] {
  const sockets: Socket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [local, remote, state] = [f[1], f[2], f[3]];
    const listening = protocol === 'tcp' ? state === '0A' : /^0+:0000$/.test(remote) && state === '07';
    if (!listening) continue;
    const [addr, port] = local.split(':');
    sockets.push({ protocol, address: decodeAddress(addr), port: Number.parseInt(port, 16) });
  }
  return sockets;
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:7f');
}

/** Sockets a policy does not allow: wildcard binds off the allowlist (and unlisted addresses). */
export function exposedSockets(sockets: Socket[], p: ListeningParams): Socket[] {
  const protocols = p.protocols ?? ['tcp', 'udp'];
  return sockets.filter((s) => {
    if (!protocols.includes(s.protocol) || p.allowPorts.includes(s.port) || isLoopback(s.address))
      return false;
    if (s.address === '0.0.0.0' || s.address === '::') return true;
    return p.allowAddresses ? !p.allowAddresses.includes(s.address) : false;
  });
}

/**
 * Checks that no socket listens on 0.0.0.0 / :: outside the allowed ports.
 * @example await listening(ssh, { allowPorts: [22, 80, 443] })
 */
export async function listening(t: CommandTransport, p: ListeningParams): Promise<ProbeResult> {
  const commands = listeningCommands();
  return guarded(sourceOf(t, commands[0]), async () => {
    const results = await Promise.all(commands.map((c) => t.run(c)));
    const sockets: Socket[] = [];
    results.forEach((r, i) => {
      // tcp6/udp6 are absent when IPv6 is disabled; the IPv4 tables must be there.
      if (r.exitCode !== 0 && !TABLES[i].endsWith('6')) {
        throw new ReadError(`${t.host}: cannot read /proc/net/${TABLES[i]}: ${r.stderr.trim()}`);
      }
      if (r.exitCode === 0)
        sockets.push(...parseProcNet(r.stdout, TABLES[i].startsWith('tcp') ? 'tcp' : 'udp'));
    });
    const exposed = exposedSockets(sockets, p);
    const names = (list: Socket[]) =>
      [...new Set(list.map((s) => `${s.protocol} ${s.address}:${s.port}`))].sort();
    const evidence = {
      observed: names(exposed),
      expected: {
        allowPorts: p.allowPorts,
        ...(p.allowAddresses ? { allowAddresses: p.allowAddresses } : {}),
      },
      source: `${t.host}:/proc/net/{tcp,tcp6,udp,udp6}`,
      listening: names(sockets).slice(0, 100),
    };
    return exposed.length
      ? fail(
          `${t.host}: ${names(exposed).length} socket(s) exposed outside the allowlist: ${names(exposed).slice(0, 5).join(', ')}`,
          evidence,
        )
      : pass(
          `${t.host}: no socket listens on a wildcard address outside ports ${p.allowPorts.join(', ') || '(none)'}`,
          evidence,
        );
  });
}
