/**
 * OAuth 2.0 client-credentials tokens for provider APIs (RFC 6749 §4.4). The token request is
 * a POST, marked `tokenRequest`: it obtains a credential and changes nothing on the target.
 */
import { registerCredential, registerSecret } from '../../policies/secrets.ts';
import { TransportError } from '../transport/command.ts';
import type { HttpTransport } from '../transport/http.ts';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** RFC 6749 §5.1 and OpenID Connect: the credentials a token answer may carry. */
const CREDENTIAL_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const;

export class TokenError extends TransportError {
  constructor(message: string, tokenUrl: string) {
    super(message, tokenUrl);
    this.name = 'TokenError';
  }
}

/**
 * Obtains an access token; rejects with a TokenError that names the token URL and status,
 * never the secret.
 * @example await clientCredentialsToken(http, { tokenUrl, clientId: 'audit', clientSecret })
 */
export async function clientCredentialsToken(http: HttpTransport, c: ClientCredentials): Promise<string> {
  // The secret alone (form body) and as the `client_id:client_secret` pair (RFC 6749 §2.3.1).
  registerCredential(c.clientId, c.clientSecret);
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: c.clientId,
    client_secret: c.clientSecret,
  });
  if (c.scope) form.set('scope', c.scope);
  const res = await http.request({
    url: c.tokenUrl,
    method: 'POST',
    tokenRequest: true,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  if (res.status !== 200) {
    throw new TokenError(
      `[POST] ${c.tokenUrl}: token request for client ${c.clientId} answered ${res.status}`,
      c.tokenUrl,
    );
  }
  let answer: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(res.body);
    if (parsed && typeof parsed === 'object') answer = parsed as Record<string, unknown>;
  } catch {
    // not JSON: no token, said below without quoting the body (it may hold credentials)
  }
  // Every credential of the answer is registered before it is returned, used or quoted.
  for (const field of CREDENTIAL_FIELDS) {
    const value = answer[field];
    if (typeof value === 'string' && value) registerSecret(value);
  }
  const token = answer.access_token;
  if (typeof token !== 'string' || !token) {
    throw new TokenError(`[POST] ${c.tokenUrl}: the answer holds no access_token`, c.tokenUrl);
  }
  return token;
}
