/** DNS probes: what a policy's `check: dns.*` runs against an endpoint. */
import { isIP } from 'node:net';
import type { EndpointEntry } from '../../policies/types.ts';
import { notApplicable } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { dnsTransport } from '../transport/dns.ts';
import { dnsParamsChecks } from './params-checks.ts';
import { resolvesTo } from './resolve.ts';

export interface ResolveProbeParams {
  name?: string;
  addresses: string[];
  resolver?: string;
  exact?: boolean;
}

/** The name a control checks: its own `name`, else the endpoint URL's host (unless that is an IP). */
function nameOf(endpoint: EndpointEntry, params: ResolveProbeParams): string | undefined {
  if (params.name) return params.name;
  const host = new URL(endpoint.url).hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? undefined : host;
}

export const dnsProbes = [
  defineProbe<'endpoint', ResolveProbeParams>({
    name: 'dns.resolve',
    summary: 'A name resolves to the expected addresses (A/AAAA), via the system or a given resolver',
    target: 'endpoint',
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['addresses'],
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          description: 'Name to resolve (default: the endpoint URL host).',
        },
        addresses: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', minLength: 2 },
          description: 'Addresses the name must resolve to, IPv4 and IPv6 mixed.',
        },
        resolver: {
          type: 'string',
          pattern: '^(\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?|[0-9.]+(:\\d{1,5})?|[0-9A-Fa-f:]+)$',
          description:
            'Resolver as ip[:port] (e.g. 10.0.0.2, 127.0.0.1:5353, [::1]:5353); default: the system resolvers.',
        },
        exact: {
          type: 'boolean',
          description: 'Also fail on addresses beyond the expected ones (default false).',
        },
      },
    },
    validateParams: dnsParamsChecks['dns.resolve'],
    run: async (ctx, endpoint, params) => {
      const name = nameOf(endpoint, params);
      if (!name)
        return notApplicable(`${endpoint.url} names an IP address and the control names no DNS name`, {
          source: endpoint.url,
        });
      return resolvesTo(dnsTransport(ctx), { ...params, name, timeoutMs: ctx.options.timeoutMs });
    },
  }),
];
