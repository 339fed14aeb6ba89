/**
 * Addresses and ranges, compared as addresses (ipaddr.js), never as strings: `127.0.0.0/8`
 * contains 127.0.0.21, `::ffff:127.0.0.1` is loopback, `0.0.0.0` and `::` mean every address.
 * Policies give ranges as CIDR (`10.0.0.0/8`), single addresses (`127.0.0.1`, `::1`) or the
 * names `loopback` and `private`; anything else is refused when the policy loads.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Named ranges a policy may use instead of CIDR. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'],
};

export const LOOPBACK_RANGES = ['loopback'];

/** A parsed range: an address and a prefix length. */
export type Range = [Address, number];

/** Parses an address, unwrapping `[v6]`, zone ids and IPv4-mapped IPv6; undefined when it is none. */
export function parseAddress(text: string): Address | undefined {
  const bare = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return undefined;
  // ipaddr accepts shorthand such as "127.1" and "10"; a policy or a socket table never means those.
  if (!bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return undefined;
  const addr = ipaddr.parse(bare);
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

/** The ranges a policy entry stands for, or an error message naming what is wrong with it. */
export function parseRanges(entry: string): Range[] | string {
  const named = NAMED[entry.trim().toLowerCase()];
  if (named) return named.map((r) => ipaddr.parseCIDR(r) as Range);
  const text = entry.trim();
  if (text.includes('/')) {
    const [addr, bits] = text.split('/');
    const base = parseAddress(addr ?? '');
    const prefix = Number(bits);
    const max = base?.kind() === 'ipv4' ? 32 : 128;
    if (!base || !/^\d{1,3}$/.test(bits ?? '') || prefix > max)
      return `"${entry}" is not an address range (CIDR such as 10.0.0.0/8 or fd00::/8)`;
    return [[base, prefix]];
  }
  const addr = parseAddress(text);
  if (!addr) return `"${entry}" is not an IP address, a CIDR range, "loopback" or "private"`;
  return [[addr, addr.kind() === 'ipv4' ? 32 : 128]];
}

/** Problems with a list of range entries (for params validation at load time). */
export function rangeErrors(entries: readonly string[] | undefined): string[] {
  const errors: string[] = [];
  for (const e of entries ?? []) {
    const parsed = parseRanges(e);
    if (typeof parsed === 'string') errors.push(parsed);
  }
  return errors;
}

/** Compiles range entries once; throws for an invalid entry (validation should have refused it). */
export function compileRanges(entries: readonly string[]): Range[] {
  const out: Range[] = [];
  for (const e of entries) {
    const parsed = parseRanges(e);
    if (typeof parsed === 'string') throw new Error(`readyspec: ${parsed}`);
    out.push(...parsed);
  }
  return out;
}

/** True when `address` lies in one of `ranges`; an unparseable address is in none. */
export function inRanges(address: string, ranges: readonly Range[]): boolean {
  const addr = parseAddress(address);
  if (!addr) return false;
  return ranges.some(([base, bits]) => base.kind() === addr.kind() && addr.match(base, bits));
}

/** Every address of the host: `0.0.0.0`, `::`, `*` or empty (a listener or binding on all interfaces). */
export function isWildcard(address: string): boolean {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  if (bare === '' || bare === '*') return true;
  const addr = parseAddress(bare);
  return addr !== undefined && addr.range() === 'unspecified';
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string): boolean {
  const addr = parseAddress(address);
  return addr !== undefined && addr.range() === 'loopback';
}

/** An address as people read it in a binding: `[::1]`, `0.0.0.0`. */
export function showAddress(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  if (bare === '' || bare === '*') return '0.0.0.0';
  return bare.includes(':') ? `[${bare}]` : bare;
}
