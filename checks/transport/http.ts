/**
 * The HTTP transport contract. The undici implementation lives beside it; probes only see
 * this interface, so a test can hand them a real lab server or a recorded one.
 */

export interface HttpRequest {
  url: string;
  /** GET and HEAD only, unless `active` (a check that changes the target, enabled by policy and command line). */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  active?: boolean;
  /**
   * A POST that only obtains an access token (OAuth client credentials): it reads, it never
   * changes the target, so the read-only transport lets it through without `active`.
   */
  tokenRequest?: boolean;
  /** Per-request timeout covering connect, headers and body (default: the run's timeoutMs). */
  timeoutMs?: number;
  /** Body bytes kept; the rest is read and dropped (default 1 MiB). */
  maxBodyBytes?: number;
  /** PEM file of an extra CA to trust. */
  ca?: string;
  /** Skip certificate verification: never the default, always recorded in evidence. */
  insecure?: boolean;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** Time to the full body, in ms. */
  durationMs: number;
  /** The body went past maxBodyBytes: `body` holds the first maxBodyBytes only. */
  truncated?: boolean;
}

export interface HttpTransport {
  /** Resolves for every HTTP status; rejects with a TransportError (naming the URL) on network failure or timeout. Never follows redirects. */
  request(req: HttpRequest): Promise<HttpResponse>;
}
