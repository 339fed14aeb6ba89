/**
 * http.body: the endpoint answers an expected status and its body says what it should: a
 * pattern, or a JSON field that exists, equals a value or matches a pattern.
 */
import { isDeepStrictEqual } from 'node:util';
import { compilePattern, PatternError, type SafePattern } from '../pattern.ts';
import { fail, fromError, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { baseEvidence, type Endpoint, requestFor } from './endpoint.ts';
import { readPath } from './json-path.ts';

export type JsonExpectation = {
  path: string;
  equals?: Json;
  matches?: string;
  exists?: boolean;
};

export interface BodyParams {
  status?: number[];
  /** Regular expression the body must match. */
  pattern?: string;
  json?: JsonExpectation;
}

const snippet = (body: string) => (body.length > 200 ? `${body.slice(0, 200)}…` : body);

function judgeJson(
  body: string,
  expectation: JsonExpectation,
  matches: SafePattern | undefined,
): { ok: boolean; why: string; observed?: Json } | string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return `body is not JSON (${(err as Error).message})`;
  }
  let read: ReturnType<typeof readPath>;
  try {
    read = readPath(doc, expectation.path);
  } catch (err) {
    return (err as Error).message;
  }
  const { exists, value } = read;
  const observed = exists ? (value as Json) : undefined;
  const at = `JSON ${expectation.path}`;
  if (expectation.exists === false)
    return { ok: !exists, why: exists ? `${at} exists` : `${at} is absent`, observed };
  if (!exists) return { ok: false, why: `${at} is missing` };
  const shown = JSON.stringify(value);
  if (expectation.equals !== undefined && !isDeepStrictEqual(value, expectation.equals)) {
    return { ok: false, why: `${at} is ${shown}, expected ${JSON.stringify(expectation.equals)}`, observed };
  }
  if (matches) {
    const text = typeof value === 'string' ? value : shown;
    if (!matches.test(text)) {
      return { ok: false, why: `${at} is ${shown}, which does not match /${expectation.matches}/`, observed };
    }
  }
  return { ok: true, why: `${at} is ${shown}`, observed };
}

/**
 * Checks status and body content.
 * @example await bodyContent(http, { url: 'https://api.example.com/health' }, { json: { path: 'status', equals: 'ok' } })
 */
export async function bodyContent(
  http: HttpTransport,
  endpoint: Endpoint,
  params: BodyParams = {},
): Promise<ProbeResult> {
  const statuses = params.status ?? [200];
  const evidence = baseEvidence(endpoint);
  evidence.expected = { status: statuses, pattern: params.pattern ?? null, json: params.json ?? null };
  let pattern: SafePattern | undefined;
  let matches: SafePattern | undefined;
  try {
    if (params.pattern !== undefined) pattern = compilePattern(params.pattern);
    if (params.json?.matches !== undefined) matches = compilePattern(params.json.matches);
  } catch (err) {
    // The loader refuses such a pattern (validateParams); a direct call may not have.
    if (err instanceof PatternError) return inconclusive(`pattern ${err.message}`, evidence);
    throw err;
  }
  let status: number;
  let body: string;
  let truncated: boolean | undefined;
  try {
    ({ status, body, truncated } = await http.request(requestFor(endpoint)));
  } catch (err) {
    return fromError(err, evidence);
  }
  evidence.status = status;
  const url = endpoint.url;
  if (!statuses.includes(status)) {
    evidence.body = snippet(body);
    return fail(`${url} answered ${status}, expected ${statuses.join(' or ')}`, evidence);
  }
  const found: string[] = [];
  if (pattern) {
    if (!pattern.test(body)) {
      evidence.body = snippet(body);
      const cut = truncated ? ' (body truncated at the size cap)' : '';
      return fail(`${url}: body does not match /${params.pattern}/${cut}`, evidence);
    }
    found.push(`body matches /${params.pattern}/`);
  }
  if (params.json) {
    const verdict = judgeJson(body, params.json, matches);
    if (typeof verdict === 'string') {
      evidence.body = snippet(body);
      return inconclusive(`${url}: ${verdict}`, evidence);
    }
    if (verdict.observed !== undefined) evidence.observed = verdict.observed;
    if (!verdict.ok) return fail(`${url}: ${verdict.why}`, evidence);
    found.push(verdict.why);
  }
  return pass(`${url} answered ${status}${found.length ? `; ${found.join('; ')}` : ''}`, evidence);
}
