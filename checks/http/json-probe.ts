/**
 * http.json: a generic JSON API check, for provider snapshot APIs (managed databases, volume
 * snapshots, SaaS exports) that restic and borg cannot see. A bearer token from the
 * environment or a file, or an OAuth client-credentials token; expectations on JSON paths.
 */
import type { SecretRef } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { patternProblem } from '../pattern.ts';
import { type Evidence, fail, fromError, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import type { HttpTransport } from '../transport/http.ts';
import { httpTransport } from '../transport/http-pool.ts';
import { baseEvidence, type Endpoint, requestFor, resolveEndpoint } from './endpoint.ts';
import { type JsonExpect, type JsonVerdict, judgeJson } from './json-expect.ts';
import { clientCredentialsToken } from './oauth.ts';
import { httpParamsChecks } from './params-checks.ts';

export interface JsonParams {
  token?: SecretRef;
  oauth?: { tokenUrl: string; clientId: string; clientSecret: SecretRef; scope?: string };
  expect: JsonExpect[];
}

const MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * GETs the endpoint with an optional bearer token and judges every expectation.
 * 401/403 mean the audit lacks access: `error`, never `fail`.
 * @example await httpJson(http, { url: 'https://api.example.com/v1/snapshots' }, { expect: [{ path: 'snapshots', min: 1 }] }, token, new Date())
 */
export async function httpJson(
  http: HttpTransport,
  endpoint: Endpoint,
  p: Pick<JsonParams, 'expect'>,
  bearer: string | undefined,
  now: Date,
): Promise<ProbeResult> {
  const evidence: Evidence = { ...baseEvidence(endpoint), expected: p.expect as unknown as Json };
  for (const e of p.expect) {
    // The loader refuses such a pattern (validateParams); a direct call may not have.
    const why = e.matches === undefined ? undefined : patternProblem(e.matches);
    if (why) return inconclusive(`pattern /${e.matches}/ ${why}`, evidence);
  }
  const headers = { ...endpoint.headers, accept: 'application/json' };
  if (bearer) Object.assign(headers, { authorization: `Bearer ${bearer}` });
  let res: Awaited<ReturnType<HttpTransport['request']>>;
  try {
    res = await http.request(requestFor(endpoint, endpoint.url, { headers, maxBodyBytes: MAX_JSON_BYTES }));
  } catch (err) {
    return fromError(err, evidence);
  }
  evidence.status = res.status;
  if (res.status === 401 || res.status === 403) {
    const why = bearer ? 'the token is rejected or lacks permission' : 'no token configured';
    return inconclusive(`${endpoint.url} answered ${res.status}: ${why}`, evidence);
  }
  if (res.status < 200 || res.status > 299)
    return inconclusive(`${endpoint.url} answered ${res.status}`, evidence);
  if (res.truncated)
    return inconclusive(`${endpoint.url}: JSON body larger than ${MAX_JSON_BYTES} bytes`, evidence);
  let verdicts: JsonVerdict[];
  try {
    const doc: unknown = JSON.parse(res.body);
    verdicts = p.expect.map((e) => judgeJson(doc, e, now));
  } catch (err) {
    return inconclusive(`${endpoint.url}: ${(err as Error).message}`, {
      ...evidence,
      body: res.body.slice(0, 200),
    });
  }
  evidence.observed = Object.fromEntries(verdicts.map((v) => [v.path, v.observed]));
  const failed = verdicts.filter((v) => !v.ok);
  if (failed.length) return fail(`${endpoint.url}: ${failed.map((v) => v.why).join('; ')}`, evidence);
  return pass(`${endpoint.url}: ${verdicts.map((v) => v.why).join('; ')}`, evidence);
}

/** The bearer token the params name: read from a secret, or obtained once per run by OAuth. */
async function bearerFor(ctx: ProbeContext, http: HttpTransport, p: JsonParams): Promise<string | undefined> {
  if (p.token) {
    const token = ctx.secret(p.token);
    if (!token) throw new Error(`the token ${JSON.stringify(p.token)} is not set`);
    return token;
  }
  if (!p.oauth) return undefined;
  const { tokenUrl, clientId, clientSecret, scope } = p.oauth;
  const secret = ctx.secret(clientSecret);
  if (!secret) throw new Error(`the OAuth client secret ${JSON.stringify(clientSecret)} is not set`);
  const key = `oauth:${tokenUrl}\0${clientId}\0${scope ?? ''}\0${JSON.stringify(clientSecret)}`;
  return ctx.shared(key, () =>
    clientCredentialsToken(http, { tokenUrl, clientId, clientSecret: secret, scope }),
  );
}

const secretRef = {
  type: 'object',
  oneOf: [
    { additionalProperties: false, required: ['env'], properties: { env: { type: 'string', minLength: 1 } } },
    {
      additionalProperties: false,
      required: ['file'],
      properties: { file: { type: 'string', minLength: 1 } },
    },
  ],
};

export const httpJsonProbe = defineProbe<'endpoint', JsonParams>({
  name: 'http.json',
  summary: 'A JSON API (e.g. a provider snapshot API) answers fields that meet expectations',
  target: 'endpoint',
  validateParams: httpParamsChecks['http.json'],
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['expect'],
    properties: {
      token: { ...secretRef, description: 'Bearer token: {env: NAME} or {file: path}.' },
      oauth: {
        type: 'object',
        additionalProperties: false,
        required: ['tokenUrl', 'clientId', 'clientSecret'],
        description: 'OAuth 2.0 client-credentials flow; the token is fetched once per run.',
        properties: {
          tokenUrl: { type: 'string', minLength: 1 },
          clientId: { type: 'string', minLength: 1 },
          clientSecret: secretRef,
          scope: { type: 'string' },
        },
      },
      expect: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['path'],
          properties: {
            path: { type: 'string', minLength: 1, description: 'JSON path, e.g. snapshots[0].created_at.' },
            exists: { type: 'boolean' },
            equals: { description: 'Exact JSON value.' },
            matches: { type: 'string', description: 'Regular expression.' },
            maxAgeHours: { type: 'number', minimum: 0, description: 'The value is a date at most this old.' },
            min: { type: 'number', description: 'Lower bound on a number or an array length.' },
            max: { type: 'number', description: 'Upper bound on a number or an array length.' },
          },
        },
      },
    },
  },
  async run(ctx, target, p) {
    const http = httpTransport(ctx);
    const endpoint = resolveEndpoint(ctx, target);
    let bearer: string | undefined;
    try {
      bearer = await bearerFor(ctx, http, p);
    } catch (err) {
      return fromError(err, baseEvidence(endpoint));
    }
    return httpJson(http, endpoint, p, bearer, ctx.options.now);
  },
});
