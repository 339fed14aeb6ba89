/** The HTTP probes a policy's `check:` can name, wired to endpoint targets and the run's HTTP pool. */
import { defineProbe } from '../registry.ts';
import { httpTransport } from '../transport/http-pool.ts';
import { latencySampler } from '../transport/http-sampler.ts';
import { type BodyParams, bodyContent } from './body.ts';
import { resolveEndpoint } from './endpoint.ts';
import { DEFAULT_REQUIRED, type HeadersParams, securityHeaders } from './headers.ts';
import { type LatencyParams, latency } from './latency.ts';
import { httpParamsChecks } from './params-checks.ts';
import { type ProtectedParams, protectedEndpoint } from './protected.ts';
import { LOCATION_SCHEMA } from './redirect-target.ts';
import { type StatusParams, statusCode } from './status.ts';

const statusCodes = {
  type: 'array',
  items: { type: 'integer', minimum: 100, maximum: 599 },
  minItems: 1,
  uniqueItems: true,
};
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...extra,
});

// `properties` repeated inside the branch keeps ajv's strictRequired happy.
const budget = (name: string) => ({ properties: { [name]: true }, required: [name] });

export const httpProbes = [
  defineProbe<'endpoint', StatusParams>({
    name: 'http.status',
    summary: 'The endpoint answers with an expected HTTP status',
    target: 'endpoint',
    params: object({
      expect: { ...statusCodes, description: 'Acceptable final status codes (default [200])' },
      followRedirects: {
        type: 'integer',
        minimum: 0,
        maximum: 10,
        description: 'Redirect hops to follow before judging (default 0)',
      },
      location: LOCATION_SCHEMA,
    }),
    validateParams: httpParamsChecks['http.status'],
    run: (ctx, target, params) => statusCode(httpTransport(ctx), resolveEndpoint(ctx, target), params ?? {}),
  }),
  defineProbe<'endpoint', ProtectedParams>({
    name: 'http.protected',
    summary: 'Without credentials the endpoint answers 401/403 or redirects to the login',
    target: 'endpoint',
    params: object({
      authUrl: {
        type: 'string',
        minLength: 1,
        description: 'Regex the login redirect must match (default: the endpoint authUrl)',
      },
    }),
    validateParams: httpParamsChecks['http.protected'],
    run: (ctx, target, params) =>
      protectedEndpoint(httpTransport(ctx), resolveEndpoint(ctx, target), params ?? {}),
  }),
  defineProbe<'endpoint', LatencyParams>({
    name: 'http.latency',
    summary:
      'p50 and p95 response time stay within budget (warm keep-alive connection, timed in a worker, stops once certain)',
    target: 'endpoint',
    params: object(
      {
        samples: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'Sequential samples after an uncounted warm-up (default 5)',
        },
        p50Ms: { type: 'number', exclusiveMinimum: 0, description: 'Budget for the median, ms' },
        p95Ms: { type: 'number', exclusiveMinimum: 0, description: 'Budget for the 95th percentile, ms' },
      },
      { anyOf: [budget('p50Ms'), budget('p95Ms')] },
    ),
    run: (ctx, target, params) =>
      latency(latencySampler(ctx), resolveEndpoint(ctx, target), params, {
        timeoutMs: ctx.options.timeoutMs,
      }),
  }),
  defineProbe<'endpoint', HeadersParams>({
    name: 'http.headers',
    validateParams: httpParamsChecks['http.headers'],
    summary: 'Security headers are present with protective values',
    target: 'endpoint',
    params: object({
      require: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: `Header names; "a|b" for alternatives, "csp frame-ancestors" for a CSP directive (default ${DEFAULT_REQUIRED.join(', ')})`,
      },
      hstsMinAge: {
        type: 'integer',
        minimum: 0,
        description: 'Minimum HSTS max-age, seconds (default 15552000)',
      },
    }),
    run: (ctx, target, params) =>
      securityHeaders(httpTransport(ctx), resolveEndpoint(ctx, target), params ?? {}),
  }),
  defineProbe<'endpoint', BodyParams>({
    name: 'http.body',
    summary: 'The endpoint answers an expected status with the expected body content',
    target: 'endpoint',
    params: object({
      status: { ...statusCodes, description: 'Acceptable status codes (default [200])' },
      pattern: { type: 'string', description: 'Regular expression the body must match' },
      json: object(
        {
          path: { type: 'string', minLength: 1, description: 'Field path such as checks[0].status' },
          equals: { description: 'Expected value (any JSON)' },
          matches: { type: 'string', description: 'Regular expression the value must match' },
          exists: { type: 'boolean', description: 'Whether the field must exist (false: must be absent)' },
        },
        { required: ['path'] },
      ),
    }),
    validateParams: httpParamsChecks['http.body'],
    run: (ctx, target, params) => bodyContent(httpTransport(ctx), resolveEndpoint(ctx, target), params ?? {}),
  }),
];
