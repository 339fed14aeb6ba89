/**
 * The DNS transport: A and AAAA lookups through node:dns's Resolver (c-ares), against the
 * system's resolvers or one the policy names (`ip[:port]`). "The name does not exist" and
 * "no record of that type" are answers; a resolver that is silent, refuses or fails is a
 * TransportError, because then we learnt nothing about the name.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { ProbeContext } from '../context.ts';
import { TransportError } from './command.ts';

export interface DnsQuery {
  name: string;
  /** `127.0.0.1`, `127.0.0.1:5353`, `[::1]:5353`; default: the system's resolvers. */
  resolver?: string;
  /** Whole lookup, all tries included (default 10 s). */
  timeoutMs?: number;
  /** Attempts per resolver (default 2). */
  tries?: number;
}

export interface DnsAnswer {
  name: string;
  /** The resolver asked, or `system`. */
  resolver: string;
  a: string[];
  aaaa: string[];
  /** The resolver said the name does not exist (NXDOMAIN). */
  nxdomain: boolean;
  durationMs: number;
}

export interface DnsTransport {
  /** Resolves with the A and AAAA answers; rejects with a TransportError naming the resolver when it cannot answer. */
  resolve(query: DnsQuery): Promise<DnsAnswer>;
}

/** Answers about the name, not failures of the resolver. */
const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND']);

/** What a c-ares code means to an operator. */
const CAUSES: Record<string, string> = {
  ETIMEOUT: 'no answer (timeout)',
  ECANCELLED: 'no answer (timeout)',
  ECONNREFUSED: 'connection refused',
  EREFUSED: 'the resolver refused the query',
  ESERVFAIL: 'the resolver failed (SERVFAIL)',
  EBADRESP: 'malformed answer',
};

/**
 * Checks the `ip[:port]` form before any query: a typo must not silently fall back to the system resolver.
 * @example parseResolver('[::1]:5353') // '[::1]:5353'
 */
export function parseResolver(resolver: string): string {
  const m = /^\[(.+)\](?::(\d+))?$/.exec(resolver) ??
    /^([^:]+)(?::(\d+))?$/.exec(resolver) ?? [resolver, resolver];
  const port = Number(m[2] ?? 53);
  if (!isIP(m[1]) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `DNS resolver "${resolver}" is not ip[:port] (e.g. 10.0.0.2, 127.0.0.1:5353, [::1]:5353)`,
    );
  }
  return resolver;
}

/**
 * node:dns implementation; one Resolver per query so settings never leak between controls.
 * @example await new NodeDnsTransport(2_000).resolve({ name: 'api.example.com', resolver: '127.0.0.1:5353' })
 */
export class NodeDnsTransport implements DnsTransport {
  constructor(private readonly defaultTimeoutMs = 10_000) {}

  async resolve(q: DnsQuery): Promise<DnsAnswer> {
    const tries = q.tries ?? 2;
    const timeoutMs = q.timeoutMs ?? this.defaultTimeoutMs;
    const via = q.resolver ?? 'system';
    // c-ares doubles its per-try timeout; the deadline below bounds the whole lookup anyway.
    const resolver = new Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / (2 * tries))), tries });
    if (q.resolver) resolver.setServers([parseResolver(q.resolver)]);
    const started = Date.now();
    const timer = setTimeout(() => resolver.cancel(), timeoutMs);
    try {
      const [a, aaaa] = await Promise.all([
        lookup(() => resolver.resolve4(q.name)),
        lookup(() => resolver.resolve6(q.name)),
      ]);
      return {
        name: q.name,
        resolver: via,
        a: a.records,
        aaaa: aaaa.records,
        nxdomain: a.nxdomain && aaaa.nxdomain,
        durationMs: Date.now() - started,
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const cause = CAUSES[code] ?? (err as Error).message;
      throw new TransportError(
        `dns ${q.name} via ${via}: ${cause} (${code || 'error'} after ${Date.now() - started} ms)`,
        via,
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

async function lookup(query: () => Promise<string[]>): Promise<{ records: string[]; nxdomain: boolean }> {
  try {
    return { records: await query(), nxdomain: false };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (NO_RECORDS.has(code)) return { records: [], nxdomain: code === 'ENOTFOUND' };
    throw err;
  }
}

/**
 * The run's DNS transport.
 * @example const answer = await dnsTransport(ctx).resolve({ name: 'api.example.com' })
 */
export function dnsTransport(ctx: ProbeContext): DnsTransport {
  return ctx.shared('transport:dns', () => new NodeDnsTransport(ctx.options.timeoutMs));
}
