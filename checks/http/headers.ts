/**
 * http.headers: the security headers a browser-facing service should send. Each required item
 * is a header name, or alternatives joined by `|`; `csp frame-ancestors` stands for a
 * Content-Security-Policy with a frame-ancestors directive (it protects against framing as
 * X-Frame-Options does). HSTS is only demanded on https URLs.
 */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { baseEvidence, type Endpoint, requestFor } from './endpoint.ts';
import { judgeHeader } from './header-rules.ts';

export interface HeadersParams {
  require?: string[];
  /** Minimum HSTS max-age in seconds (default 15552000, 180 days). */
  hstsMinAge?: number;
}

export const DEFAULT_REQUIRED = [
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options|csp frame-ancestors',
  'referrer-policy',
];

/**
 * Checks required security headers: present, and with a value that actually protects.
 * @example await securityHeaders(http, { url: 'https://app.example.com/' }, { require: ['x-content-type-options'] })
 */
export async function securityHeaders(
  http: HttpTransport,
  endpoint: Endpoint,
  params: HeadersParams = {},
): Promise<ProbeResult> {
  const required = params.require ?? DEFAULT_REQUIRED;
  const evidence = baseEvidence(endpoint);
  evidence.expected = required;
  let headers: Record<string, string>;
  try {
    const res = await http.request(requestFor(endpoint, endpoint.url, { method: 'GET', maxBodyBytes: 0 }));
    headers = res.headers;
    evidence.status = res.status;
  } catch (err) {
    return fromError(err, evidence);
  }
  const https = endpoint.url.startsWith('https://');
  const present: Record<string, string> = {};
  const missing: string[] = [];
  const weak: string[] = [];
  const skipped: string[] = [];
  for (const item of required) {
    const verdict = judgeHeader(item, headers, { https, hstsMinAge: params.hstsMinAge ?? 15_552_000 });
    if (verdict.kind === 'ok') present[verdict.name] = verdict.value;
    else if (verdict.kind === 'weak') weak.push(`${verdict.name}: ${verdict.reason}`);
    else if (verdict.kind === 'skip') skipped.push(`${item} (${verdict.reason})`);
    else missing.push(item);
  }
  Object.assign(evidence, { observed: { present, missing, weak }, skipped });
  if (missing.length === 0 && weak.length === 0) {
    return pass(`${endpoint.url} sends ${Object.keys(present).join(', ') || 'no required header'}`, evidence);
  }
  const problems = [...(missing.length ? [`missing ${missing.join(', ')}`] : []), ...weak];
  return fail(`${endpoint.url}: ${problems.join('; ')}`, evidence);
}
