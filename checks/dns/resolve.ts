/**
 * Does a name resolve to the addresses the policy expects? A and AAAA together, compared as
 * sets of canonical addresses (`fd00:0::11` and `fd00::11` are the same address).
 */
import { isIP } from 'node:net';
import { fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { DnsTransport } from '../transport/dns.ts';

export interface ResolveParams {
  name: string;
  /** Addresses the name must resolve to (IPv4 and IPv6 mixed). */
  addresses: string[];
  /** `ip[:port]`; default: the system's resolvers. */
  resolver?: string;
  /** Also fail on addresses beyond the expected ones (default false: expected ⊆ answer). */
  exact?: boolean;
  timeoutMs?: number;
}

/**
 * The canonical text of an IP address (compressed, lower-case IPv6); undefined when not an IP.
 * @example canonicalAddress('FD00:0::11') // 'fd00::11'
 */
export function canonicalAddress(address: string): string | undefined {
  const kind = isIP(address);
  if (kind === 4) return address;
  // The WHATWG URL parser prints IPv6 hosts in RFC 5952 form.
  if (kind === 6) return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  return undefined;
}

/**
 * Checks that `name` resolves to the expected addresses.
 * @example await resolvesTo(dns, { name: 'api.example.com', addresses: ['203.0.113.10'], resolver: '10.0.0.2' })
 */
export async function resolvesTo(d: DnsTransport, p: ResolveParams): Promise<ProbeResult> {
  const via = p.resolver ?? 'system';
  const source = `dns:${p.name} via ${via}`;
  const expected = p.addresses.map((a) => canonicalAddress(a));
  const invalid = p.addresses.filter((_, i) => expected[i] === undefined);
  if (invalid.length > 0)
    return inconclusive(`expected addresses are not IP addresses: ${invalid.join(', ')}`, { source });
  const want = [...new Set(expected as string[])].sort();
  let answer: Awaited<ReturnType<DnsTransport['resolve']>>;
  try {
    answer = await d.resolve({ name: p.name, resolver: p.resolver, timeoutMs: p.timeoutMs });
  } catch (err) {
    return fromError(err, { source, expected: want });
  }
  const got = [...new Set([...answer.a, ...answer.aaaa].map((a) => canonicalAddress(a) ?? a))].sort();
  const missing = want.filter((a) => !got.includes(a));
  const unexpected = got.filter((a) => !want.includes(a));
  const evidence = {
    source,
    observed: got,
    expected: want,
    exact: p.exact ?? false,
    missing,
    unexpected,
    durationMs: answer.durationMs,
  };
  if (answer.nxdomain)
    return fail(`${p.name} does not exist (NXDOMAIN from ${via})`, { ...evidence, nxdomain: true });
  if (missing.length > 0) {
    const seen = got.length ? got.join(', ') : 'no A/AAAA records';
    return fail(`${p.name} does not resolve to ${missing.join(', ')} (got ${seen})`, evidence);
  }
  if (p.exact && unexpected.length > 0)
    return fail(`${p.name} also resolves to unexpected ${unexpected.join(', ')}`, evidence);
  return pass(`${p.name} resolves to ${got.join(', ')}`, evidence);
}
