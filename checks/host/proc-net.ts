/**
 * The kernel's socket tables, /proc/net/{tcp,tcp6,udp,udp6}: every Linux has them and any user
 * may read them (no ss, netstat or root needed). A table that does not look like one is an
 * unparseable answer, never "no sockets".
 */
import { type Command, sh } from '../transport/command.ts';
import { ReadError } from './read.ts';

export type Protocol = 'tcp' | 'udp';

export interface Socket {
  protocol: Protocol;
  address: string;
  port: number;
  /** The socket's inode: what /proc/PID/fd links name (`socket:[inode]`), 0 when unknown. */
  inode: number;
}

export const TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
export type Table = (typeof TABLES)[number];

/** The commands that read the tables: one `cat` of each. */
export function procNetCommands(): Command[] {
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

const HEADER = /^\s*sl\s+local_address\s+rem(?:ote)?_address\s+st\b/;
const ROW =
  /^\s*\d+:\s+([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4})\s+([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4})\s+([0-9A-F]{2})\s/i;

/**
 * Listening TCP sockets (state 0A) and bound, unconnected UDP sockets (state 07, no peer) from
 * one table. Throws a ReadError when the text is not a socket table (no header, a row that does
 * not parse): such an answer says nothing about what listens.
 * @example parseProcNet(text, 'tcp') // [{ protocol: 'tcp', address: '0.0.0.0', port: 22, inode: 1234 }]
 */
export function parseProcNet(text: string, protocol: Protocol, where = 'socket table'): Socket[] {
  const lines = text.split('\n');
  if (!HEADER.test(lines[0] ?? ''))
    throw new ReadError(`${where} has no header line: ${JSON.stringify(text.slice(0, 60))}`);
  const sockets: Socket[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const m = ROW.exec(line);
    if (!m) throw new ReadError(`${where}: unparseable row ${JSON.stringify(line.slice(0, 80))}`);
    const [, localHex, portHex, remoteHex, remotePort, state] = m;
    const unconnected = /^0+$/.test(remoteHex) && remotePort === '0000';
    const listening = protocol === 'tcp' ? state === '0A' : unconnected && state === '07';
    if (!listening) continue;
    // Fields after the state: tx:rx queue, tr:when, retrnsmt, uid, timeout, inode.
    const inode = Number(line.trim().split(/\s+/)[9] ?? 0);
    sockets.push({
      protocol,
      address: decodeAddress(localHex),
      port: Number.parseInt(portHex, 16),
      inode: Number.isSafeInteger(inode) ? inode : 0,
    });
  }
  return sockets;
}
