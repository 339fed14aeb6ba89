/**
 * http.protected: a service that must demand authentication refuses an anonymous request:
 * 401/403, or a redirect to the configured login (auth URL pattern). Sent without any
 * credential the policy configures for the endpoint.
 */
import { compilePattern, type SafePattern } from '../pattern.ts';
import { fail, fromError, inconclusive, notApplicable, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { baseEvidence, type Endpoint, requestFor } from './endpoint.ts';

export interface ProtectedParams {
  /** Regular expression the Location of a login redirect must match (default: the endpoint's authUrl). */
  authUrl?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** The endpoint's headers minus every credential: secrets and the usual credential header names. */
function anonymous(endpoint: Endpoint): Endpoint {
  if (!endpoint.headers) return endpoint;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(endpoint.headers)) {
    if (!CREDENTIAL_HEADERS.has(name) && !endpoint.secretHeaders?.includes(name)) headers[name] = value;
  }
  return { ...endpoint, headers };
}

/**
 * Checks that an anonymous request is refused or sent to the login.
 * @example await protectedEndpoint(http, { url: 'https://admin.example.com/', protected: true }, { authUrl: '^https://sso\\.example\\.com/' })
 */
export async function protectedEndpoint(
  http: HttpTransport,
  endpoint: Endpoint,
  params: ProtectedParams = {},
): Promise<ProbeResult> {
  const evidence = baseEvidence(endpoint);
  if (!endpoint.protected)
    return notApplicable(`${endpoint.url} is not marked protected in the inventory`, evidence);
  const pattern = params.authUrl ?? endpoint.authUrl;
  evidence.expected = pattern ? `401, 403 or a redirect to /${pattern}/` : '401 or 403';
  let auth: SafePattern | undefined;
  try {
    auth = pattern ? compilePattern(pattern) : undefined;
  } catch (err) {
    // The loader refuses such a pattern (params and inventory); a direct call may not have.
    return inconclusive(`authUrl /${pattern}/ ${(err as Error).message}`, evidence);
  }
  let status: number;
  let location: string | undefined;
  try {
    const res = await http.request(requestFor(anonymous(endpoint)));
    status = res.status;
    location = res.headers.location;
  } catch (err) {
    return fromError(err, evidence);
  }
  evidence.observed = location ? `${status} → ${location}` : status;
  const url = endpoint.url;
  if (status === 401 || status === 403)
    return pass(`${url} refused an anonymous request with ${status}`, evidence);
  if (REDIRECTS.has(status) && location) {
    if (!auth)
      return inconclusive(
        `${url} redirects to ${location}; set authUrl to judge whether that is the login`,
        evidence,
      );
    if (auth.test(location))
      return pass(`${url} sends anonymous requests to the login (${location})`, evidence);
    return fail(`${url} redirects to ${location}, which does not match the auth URL /${pattern}/`, evidence);
  }
  if (status >= 200 && status < 300)
    return fail(`${url} served without authentication (${status})`, evidence);
  if (status >= 500)
    return inconclusive(`${url} answered ${status}: cannot tell whether it demands authentication`, evidence);
  return fail(`${url} answered ${status} to an anonymous request, expected ${evidence.expected}`, evidence);
}
