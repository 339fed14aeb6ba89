/**
 * http.status: the endpoint answers with an expected status code. Redirects are followed only
 * when the control allows it, hop by hop, each hop recorded in the evidence. `location` asserts
 * where the endpoint's own redirect points (scheme, host, port, pattern): a redirect elsewhere,
 * or no redirect at all, is a failure; a Location that is not a URL is an error.
 */
import { fail, fromError, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import type { HttpResponse, HttpTransport } from '../transport/http.ts';
import { certificateRefusal, type HttpTransportError } from '../transport/http-error.ts';
import { baseEvidence, type Endpoint, requestFor } from './endpoint.ts';
import { judgeLocation, type LocationExpectation } from './redirect-target.ts';

export interface StatusParams {
  /** Acceptable final status codes (default [200]). */
  expect?: number[];
  /** Redirect hops to follow (default 0: a 301 is judged as a 301). */
  followRedirects?: number;
  /** Where the endpoint's redirect (its first answer's Location) must point. */
  location?: LocationExpectation;
}

// A type alias (not an interface) so a Hop[] is plain JSON evidence without a cast.
export type Hop = {
  url: string;
  status: number;
  location?: string;
  ms: number;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Follows up to `maxHops` redirects by hand (the transport never does), recording each hop. */
export async function fetchFollowing(
  http: HttpTransport,
  endpoint: Endpoint,
  maxHops: number,
  hops: Hop[],
): Promise<HttpResponse> {
  let url = endpoint.url;
  for (;;) {
    const res = await http.request(requestFor(endpoint, url));
    const location = res.headers.location;
    const hop: Hop = { url, status: res.status, ms: Math.round(res.durationMs * 10) / 10 };
    if (location) hop.location = location;
    hops.push(hop);
    if (!REDIRECTS.has(res.status) || !location || hops.length > maxHops) return res;
    url = new URL(location, url).href;
  }
}

/**
 * Checks the final status code against `expect`.
 * @example await statusCode(http, { url: 'https://api.example.com/health' }, { expect: [200, 204] })
 */
export async function statusCode(
  http: HttpTransport,
  endpoint: Endpoint,
  params: StatusParams = {},
): Promise<ProbeResult> {
  const expected = params.expect ?? [200];
  const maxHops = params.followRedirects ?? 0;
  const hops: Hop[] = [];
  const evidence = baseEvidence(endpoint);
  evidence.expected = expected;
  let res: HttpResponse;
  try {
    res = await fetchFollowing(http, endpoint, maxHops, hops);
  } catch (err) {
    if (hops.length) evidence.hops = hops;
    // An expired certificate is seen, not guessed: no verifying client gets an answer at all.
    const refused = certificateRefusal(err);
    if (refused)
      return fail(`${(err as HttpTransportError).url}: clients refuse it: ${refused}`, {
        ...evidence,
        observed: refused,
        error: (err as Error).message,
      });
    return fromError(err, evidence);
  }
  evidence.observed = res.status;
  if (maxHops > 0 || hops.length > 1) evidence.hops = hops;
  else evidence.durationMs = hops[0].ms;
  const via = hops.length > 1 ? ` after ${hops.length - 1} redirect(s)` : '';
  const where = hops.length > 1 ? res.url : endpoint.url;
  const more =
    REDIRECTS.has(res.status) && res.headers.location ? ` (redirect to ${res.headers.location})` : '';
  if (!expected.includes(res.status))
    return fail(`${where} answered ${res.status}${more}${via}, expected ${expected.join(' or ')}`, evidence);
  if (!params.location) return pass(`${where} answered ${res.status}${via}`, evidence);
  return judgeRedirect(
    endpoint.url,
    hops[0],
    params.location,
    evidence,
    `${where} answered ${res.status}${via}`,
  );
}

function judgeRedirect(
  url: string,
  first: Hop,
  expected: LocationExpectation,
  evidence: ReturnType<typeof baseEvidence>,
  answered: string,
): ProbeResult {
  evidence.expectedLocation = expected as Json;
  if (!REDIRECTS.has(first.status) || !first.location)
    return fail(
      `${url} answered ${first.status} without a redirect; expected one to ${show(expected)}`,
      evidence,
    );
  evidence.location = first.location;
  const verdict = judgeLocation(first.location, first.url, expected);
  if ('error' in verdict)
    return inconclusive(`${url} answered ${first.status}, but ${verdict.error}`, evidence);
  evidence.locationUrl = verdict.url;
  if (!verdict.ok) return fail(`${url} ${verdict.why}`, evidence);
  return pass(`${answered}; ${url} ${verdict.why}`, evidence);
}

function show(e: LocationExpectation): string {
  const parts = [e.scheme && `scheme ${e.scheme}`, e.host && `host ${e.host}`, e.port && `port ${e.port}`];
  if (e.pattern) parts.push(`/${e.pattern}/`);
  return parts.filter(Boolean).join(', ');
}
