/**
 * Property (fast-check): whatever an HTTP target answers — status, headers and bodies from a
 * loopback server (plain text, JSON, Prometheus and Alertmanager API shapes, answers past the
 * size cap) — the HTTP, Prometheus and Alertmanager probes return an outcome within their
 * deadline, never throw, and leave no planted secret once redacted and bounded
 * (target-answers.support.ts).
 */
import { createServer } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../fixtures/lab/context.ts';
import { type LabServer, listenOnLoopback } from '../fixtures/lab/servers.ts';
import { forgetSecrets, registerSecret } from '../policies/secrets.ts';
import { catalog } from './catalog.ts';
import { expectSound, planted, printable, SECRET, secretForm } from './target-answers.support.ts';

const TIMEOUT_MS = 1500;

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}
let answer: Answer = { status: 200, headers: [], body: '' };
let server: LabServer;
let requests = 0;
const seen = new Set<string>();

beforeAll(async () => {
  registerSecret(SECRET);
  server = await listenOnLoopback(
    createServer((_req, res) => {
      requests++;
      res.statusCode = answer.status;
      for (const [k, v] of answer.headers) res.setHeader(k, v);
      res.end(answer.body);
    }),
  );
});
afterAll(async () => {
  await server?.close();
  forgetSecrets();
});

const jsonWith = (shape: fc.Arbitrary<unknown>) => planted(shape.map((v) => JSON.stringify(v)));
const label = fc.dictionary(
  fc.constantFrom('job', 'instance', '__name__', 'constructor'),
  planted(printable),
  {
    maxKeys: 3,
  },
);
const prometheusBody = fc.record({
  status: fc.constantFrom('success', 'error', '__proto__'),
  data: fc.oneof(
    fc.record({
      resultType: fc.constantFrom('vector', 'matrix', 'scalar'),
      result: fc.array(fc.record({ metric: label, value: fc.tuple(fc.double(), planted(printable)) }), {
        maxLength: 5,
      }),
    }),
    fc.record({
      activeTargets: fc.array(
        fc.record({
          labels: label,
          health: fc.constantFrom('up', 'down', 'unknown'),
          lastError: planted(printable),
          lastScrape: planted(printable),
        }),
        { maxLength: 5 },
      ),
    }),
    fc.record({
      alerts: fc.array(fc.record({ labels: label, state: planted(printable) }), { maxLength: 4 }),
    }),
    fc.record({
      groups: fc.array(
        fc.record({
          name: planted(printable),
          rules: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.jsonValue({ maxDepth: 3 }),
  ),
});
const alertmanagerBody = fc.oneof(
  fc.array(
    fc.record({
      id: planted(printable),
      status: fc.record({ state: fc.constantFrom('active', 'expired', 'pending') }),
      startsAt: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), planted(printable)),
      createdBy: planted(printable),
      comment: planted(printable),
    }),
    { maxLength: 4 },
  ),
  fc.record({ config: fc.record({ original: planted(fc.string({ maxLength: 200 })) }) }),
);
const body = fc.oneof(
  planted(fc.string({ maxLength: 400 })),
  jsonWith(fc.jsonValue({ maxDepth: 4 })),
  jsonWith(prometheusBody),
  jsonWith(alertmanagerBody),
  fc
    .tuple(fc.integer({ min: 100_000, max: 3_000_000 }), secretForm)
    .map(([n, s]) => `{"a":"${'a'.repeat(n)}${s}"}`),
  fc.constantFrom('', 'null', '{', '[[[[', '\u0000\u001b[31m\u0007\u202e', 'a'.repeat(41)),
);
const header = fc.tuple(fc.stringMatching(/^x-[a-z]{1,12}$/), planted(printable));
const httpAnswer = fc.record({
  status: fc.constantFrom(200, 200, 200, 204, 301, 302, 401, 403, 404, 500, 503),
  headers: fc.array(
    fc.oneof(
      header,
      fc.tuple(fc.constantFrom('www-authenticate', 'set-cookie', 'content-type'), planted(printable)),
      // Loopback only: a redirect is a path on this server (never `//host`), the secret in its query.
      fc.tuple(
        fc.constant('location'),
        planted(printable).map((v) => `/r?to=${encodeURIComponent(v)}`),
      ),
    ),
    { maxLength: 4 },
  ),
  body,
});

const HTTP_CHECKS: [string, 'web' | 'prom' | 'am', Record<string, unknown>][] = [
  ['http.status', 'web', { followRedirects: 2 }],
  ['http.body', 'web', { pattern: '^(a+)+$' }],
  ['http.body', 'web', { json: { path: 'data.result[0].value', exists: true } }],
  [
    'http.json',
    'web',
    {
      expect: [
        { path: 'status', equals: 'success' },
        { path: 'a', matches: 'x' },
      ],
    },
  ],
  ['http.headers', 'web', {}],
  ['http.protected', 'web', {}],
  ['prometheus.targets', 'prom', {}],
  ['prometheus.alerts', 'prom', {}],
  ['prometheus.rules', 'prom', {}],
  ['prometheus.expression', 'prom', { query: 'up', expect: { op: '>', value: 0 } }],
  ['prometheus.scrape-age', 'prom', { maxSeconds: 60 }],
  ['prometheus.retention', 'prom', { minDays: 1 }],
  ['prometheus.jobs', 'prom', { expected: [{ job: 'node' }] }],
  ['alertmanager.ready', 'am', {}],
  ['alertmanager.config', 'am', {}],
  ['alertmanager.silences', 'am', { maxAgeDays: 1 }],
];

describe('probes over generated HTTP answers', () => {
  it(
    'HTTP, Prometheus and Alertmanager answers: an outcome, in time, no secret left',
    { timeout: 60_000 },
    async () => {
      const probes = [...new Set(HTTP_CHECKS.map(([n]) => n))].map((n) => catalog.get(n)!);
      // A fresh run context per answer: a fact one answer left memoised must not stand in for the next.
      const context = () =>
        labContext({
          baseDir: '/tmp',
          inventory: {
            endpoints: [{ name: 'web', url: `${server.url}/`, protected: true }],
            monitoring: [
              { name: 'prom', kind: 'prometheus', url: server.url },
              { name: 'am', kind: 'alertmanager', url: server.url },
            ],
          },
          probes,
          options: { timeoutMs: TIMEOUT_MS },
        });
      const targets = {
        web: { name: 'web', url: `${server.url}/`, protected: true },
        prom: { name: 'prom', kind: 'prometheus', url: server.url },
        am: { name: 'am', kind: 'alertmanager', url: server.url },
      };
      let cases = 0;
      const rss = process.memoryUsage().rss;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...HTTP_CHECKS), httpAnswer, async ([check, target, params], a) => {
          cases++;
          answer = a;
          const started = performance.now();
          const result = await context().measure(catalog.get(check)!, targets[target], params);
          expectSound(result, started, 6 * TIMEOUT_MS + 2000, seen);
        }),
        { numRuns: 1500, interruptAfterTimeLimit: 35_000 },
      );
      expect(cases).toBeGreaterThan(50);
      // The answers reached the probes, and drew every kind of verdict.
      expect(requests).toBeGreaterThanOrEqual(cases);
      expect([...seen]).toEqual(expect.arrayContaining(['error', 'fail', 'pass']));
      expect(process.memoryUsage().rss - rss).toBeLessThan(768 * 1024 * 1024);
      process.stdout.write(
        `target-answer fuzzer (HTTP): ${cases} answers, ${requests} requests, outcomes ${[...seen].join('/')}, no finding\n`,
      );
    },
  );
});
