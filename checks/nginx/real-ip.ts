/**
 * Whom nginx believes about the client's address: set_real_ip_from must never trust every
 * address (0.0.0.0/0, ::/0, any /0), and, when the policy lists the proxies (e.g. Cloudflare's
 * ranges), only addresses inside them. Compared as addresses (checks/address.ts), not strings.
 */
import { compileRanges, parseRanges } from '../address.ts';
import { fail, inconclusive, pass, type SubjectResult, subject } from '../probe.ts';
import { allLevels, effectiveList, type Server } from './servers.ts';

export interface RealIpParams {
  /** Ranges the trusted proxies must lie in (CIDR, addresses, `loopback`, `private`). */
  allowedProxies?: string[];
}

/** Whether `inner` (a CIDR or address) lies entirely within one of `outer`. */
function within(
  inner: ReturnType<typeof compileRanges>[number],
  outer: ReturnType<typeof compileRanges>,
): boolean {
  const [addr, bits] = inner;
  return outer.some(([base, b]) => base.kind() === addr.kind() && b <= bits && addr.match(base, b));
}

/**
 * One subject per server: every set_real_ip_from in force at the server and in its locations.
 * @example judgeRealIp(servers, { allowedProxies: ['173.245.48.0/20'] }, source)
 */
export function judgeRealIp(servers: Server[], p: RealIpParams, source: string): SubjectResult[] {
  const allowed = p.allowedProxies ? compileRanges(p.allowedProxies) : undefined;
  return servers.map((s) => {
    const entries = new Map<string, string>();
    for (const l of allLevels(s.level))
      for (const d of effectiveList(l, 'set_real_ip_from').directives)
        entries.set(d.args[0] ?? '', `${d.file}:${d.line}`);
    const everyone: string[] = [];
    const outside: string[] = [];
    const unreadable: string[] = [];
    for (const [entry, at] of entries) {
      if (entry === 'unix:') continue;
      const parsed = parseRanges(entry);
      // nginx also accepts host names here (resolved at start): not an address we can judge.
      if (typeof parsed === 'string') {
        unreadable.push(`${entry} (${at})`);
        continue;
      }
      const [range] = parsed;
      if (range[1] === 0) everyone.push(`${entry} (${at})`);
      else if (allowed && !within(range, allowed)) outside.push(`${entry} (${at})`);
    }
    const evidence = {
      observed: [...entries.keys()],
      expected: p.allowedProxies ?? 'no /0 range',
      source,
      at: `${s.file}:${s.line}`,
    };
    if (everyone.length)
      return subject(
        s.name,
        fail(`${s.name}: trusts every address as a proxy: set_real_ip_from ${everyone.join(', ')}`, evidence),
      );
    if (outside.length)
      return subject(
        s.name,
        fail(`${s.name}: trusts proxies outside the allowed ranges: ${outside.join(', ')}`, evidence),
      );
    if (unreadable.length)
      return subject(
        s.name,
        inconclusive(`${s.name}: set_real_ip_from not an address range: ${unreadable.join(', ')}`, evidence),
      );
    return subject(
      s.name,
      pass(
        entries.size
          ? `${s.name}: ${entries.size} trusted proxy range(s), none too wide`
          : `${s.name}: trusts no proxy`,
        evidence,
      ),
    );
  });
}
