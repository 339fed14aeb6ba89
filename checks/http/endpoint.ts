/**
 * An inventory endpoint made ready for a probe: CA path resolved against the policy, header
 * secrets read. Probes receive this plain object, so tests hand them a lab URL directly.
 */
import type { EndpointEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { Evidence } from '../probe.ts';
import type { HttpRequest } from '../transport/http.ts';

export interface Endpoint {
  url: string;
  /** Headers sent with every request (secrets already read); never written to evidence. */
  headers?: Record<string, string>;
  /** Names of headers whose values came from secrets (credentials): http.protected leaves them out. */
  secretHeaders?: string[];
  ca?: string;
  insecure?: boolean;
  protected?: boolean;
  authUrl?: string;
}

/** Resolves an inventory entry: `ca` against the policy dir, SecretRef header values via ctx.secret. */
export function resolveEndpoint(ctx: ProbeContext, entry: EndpointEntry): Endpoint {
  const endpoint: Endpoint = { url: entry.url, protected: entry.protected, authUrl: entry.authUrl };
  if (entry.ca) endpoint.ca = ctx.path(entry.ca);
  if (entry.insecure) endpoint.insecure = true;
  if (entry.headers) {
    const headers: Record<string, string> = {};
    const secret: string[] = [];
    for (const [name, value] of Object.entries(entry.headers)) {
      const resolved = typeof value === 'string' ? value : ctx.secret(value);
      if (typeof value !== 'string') secret.push(name.toLowerCase());
      // The loader refuses such a policy; a request without its credential could pass, so never send one.
      if (resolved === undefined)
        throw new Error(
          `endpoint ${entry.name}: header ${name}: its secret ${JSON.stringify(value)} is not set`,
        );
      headers[name.toLowerCase()] = resolved;
    }
    endpoint.headers = headers;
    if (secret.length) endpoint.secretHeaders = secret;
  }
  return endpoint;
}

/** The transport request for `url` (default the endpoint's own) with the endpoint's TLS settings. */
export function requestFor(
  endpoint: Endpoint,
  url = endpoint.url,
  extra?: Partial<HttpRequest>,
): HttpRequest {
  const req: HttpRequest = { url };
  if (endpoint.headers && (url === endpoint.url || sameOrigin(url, endpoint.url)))
    req.headers = endpoint.headers;
  if (endpoint.ca) req.ca = endpoint.ca;
  if (endpoint.insecure) req.insecure = true;
  return extra ? Object.assign(req, extra) : req;
}

/** Evidence fields every HTTP probe records: where it read, and whether TLS checks were skipped. */
export function baseEvidence(endpoint: Endpoint): Evidence {
  return endpoint.insecure ? { source: endpoint.url, insecure: true } : { source: endpoint.url };
}

/** Credentials configured for one origin must never be sent to another (a redirect target). */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
