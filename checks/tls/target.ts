/**
 * Where a TLS probe connects: host, port and SNI name come from the endpoint's URL; a control's
 * params may override each of them and the CA file (for a mail port or a non-HTTPS service).
 */
import { isIP } from 'node:net';
import type { EndpointEntry } from '../../policies/types.ts';
import type { TlsConnectOptions } from '../transport/tls.ts';

export interface TlsTargetParams {
  host?: string;
  port?: number;
  servername?: string;
  /** PEM file of the CA to verify against (policy-relative); default: the endpoint's `ca`, else the system store. */
  ca?: string;
}

/** JSON Schema properties shared by every TLS probe's params. */
export const TLS_TARGET_SCHEMA = {
  host: { type: 'string', minLength: 1, description: 'Host to connect to (default: the endpoint URL host).' },
  port: {
    type: 'integer',
    minimum: 1,
    maximum: 65535,
    description: 'Port (default: the URL port, 443 for https).',
  },
  servername: {
    type: 'string',
    minLength: 1,
    description: 'SNI name (default: the URL host, unless it is an IP address).',
  },
  ca: {
    type: 'string',
    minLength: 1,
    description: 'PEM CA file to verify against (default: endpoint ca, else system CAs).',
  },
} as const;

/** Resolved target, or the reason TLS does not apply (a plain-http URL with no port override). */
export type TlsTarget = { options: TlsConnectOptions } | { notApplicable: string };

/**
 * Derives the connection from an endpoint and the control's overrides.
 * @example tlsTarget({ name: 'api', url: 'https://api.example.com' }, {}, (p) => p) // api.example.com:443
 */
export function tlsTarget(
  endpoint: EndpointEntry,
  params: TlsTargetParams,
  resolvePath: (p: string) => string,
  timeoutMs?: number,
): TlsTarget {
  const url = new URL(endpoint.url);
  // URL keeps IPv6 literals bracketed; sockets want them bare.
  const urlHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol !== 'https:' && params.port === undefined) {
    return { notApplicable: `${endpoint.url} is not https and the control names no TLS port` };
  }
  const host = params.host ?? urlHost;
  const port = params.port ?? (url.port ? Number(url.port) : 443);
  const ca = params.ca ?? endpoint.ca;
  const options: TlsConnectOptions = { host, port, timeoutMs };
  // The endpoint's name is what clients send, even when the control connects to another address.
  const servername = params.servername ?? (isIP(urlHost) ? undefined : urlHost);
  if (servername) options.servername = servername;
  if (ca) options.ca = resolvePath(ca);
  return { options };
}

/**
 * Where a TLS probe read its evidence, for `source`: `tls://host:port (SNI name)`.
 * @example tlsSource({ host: '10.0.0.5', port: 443, servername: 'api.example.com' }) // 'tls://10.0.0.5:443 (SNI api.example.com)'
 */
export function tlsSource(o: TlsConnectOptions): string {
  const sni = o.servername ? ` (SNI ${o.servername})` : '';
  return `tls://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}${sni}`;
}
