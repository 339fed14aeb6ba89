/**
 * The DNS probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): the resolver is an IP address with a port from 1 to 65535, the expected
 * addresses are IP addresses. Light on purpose: checks/params-checks.ts imports it.
 */
import { isIP } from 'node:net';
import type { ParamProblem } from '../registry.ts';

/**
 * What is wrong with `ip[:port]` / `[ip6]:port` as a resolver, or undefined.
 * @example resolverProblem('127.0.0.1:99999') // 'resolver "127.0.0.1:99999": port 99999 is not from 1 to 65535'
 */
export function resolverProblem(resolver: string): string | undefined {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(resolver);
  const v4 = /^([0-9.]+)(?::(\d+))?$/.exec(resolver);
  const [address, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : v4
      ? [v4[1], v4[2]]
      : [resolver, undefined];
  const shown = JSON.stringify(resolver);
  if (isIP(address) === 0) return `resolver ${shown}: "${address}" is not an IP address`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return `resolver ${shown}: port ${port} is not from 1 to 65535`;
  return undefined;
}

/** dns.resolve: a resolver that can be reached, addresses that can be compared. */
export function resolveParamsProblems(p: { resolver?: string; addresses?: string[] }): ParamProblem[] {
  const out: ParamProblem[] = [];
  const resolver = p.resolver === undefined ? undefined : resolverProblem(p.resolver);
  if (resolver) out.push({ path: '/resolver', message: resolver });
  (p.addresses ?? []).forEach((a, i) => {
    if (isIP(a) === 0)
      out.push({ path: `/addresses/${i}`, message: `${JSON.stringify(a)} is not an IP address` });
  });
  return out;
}

export const dnsParamsChecks = {
  'dns.resolve': resolveParamsProblems,
} as const;
