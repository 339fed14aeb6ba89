/**
 * OAuth 2.0 client-credentials tokens for provider APIs (RFC 6749 §4.4). The token request is
 * a POST, marked `tokenRequest`: it obtains a credential and changes nothing on the target.
 */
import { TransportError } from '../transport/command.ts';
import type { HttpTransport } from '../transport/http.ts';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

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
  let token: unknown;
  try {
    token = (JSON.parse(res.body) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || !token) {
    throw new TokenError(`[POST] ${c.tokenUrl}: the answer holds no access_token`, c.tokenUrl);
  }
  return token;
}
