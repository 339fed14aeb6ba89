/**
 * Property (fast-check): whatever a target answers — HTTP status, headers and bodies from a
 * loopback server (plain text, JSON, Prometheus and Alertmanager API shapes, answers past the
 * size cap), or command output fed to the host probes' parsers — a probe returns an outcome
 * within its deadline, never throws, and once the engine bounded and redacted its result
 * (boundMessage / boundEvidence over the registered secret forms) no planted secret, in any
 * form it was registered with, is left in the message or the evidence.
 */
import { createServer } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../fixtures/lab/context.ts';
import { type LabServer, listenOnLoopback } from '../fixtures/lab/servers.ts';
import { forgetSecrets, registerSecret, secretForms } from '../policies/secrets.ts';
import { redactResult, redactText } from '../reporters/redact.ts';
import { boundEvidence, boundMessage } from '../specs/support/bounded-result.ts';
import { catalog } from './catalog.ts';
import { disk } from './host/disk.ts';
import { fail2ban } from './host/fail2ban.ts';
import { load } from './host/load.ts';
import { memory } from './host/memory.ts';
import { oomKills } from './host/oom-kills.ts';
import { timeSync } from './host/time-sync.ts';
import type { Json, ProbeResult } from './probe.ts';
import type { Command, CommandResult, CommandTransport } from './transport/command.ts';

const SECRET = 'Planted-S3cret-7c1e9a42';
const TIMEOUT_MS = 1500;
const OUTCOMES = ['pass', 'fail', 'error', 'not-applicable'];

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

/** The secret as a target might echo it: plain, or in one of the forms it is registered with. */
const secretForm = fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => {
  const forms = secretForms();
  return forms[i % forms.length] ?? SECRET;
});
const planted = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, secretForm, fc.nat(), fc.boolean())
    .map(([t, s, at, plant]) =>
      plant ? `${t.slice(0, at % (t.length + 1))}${s}${t.slice(at % (t.length + 1))}` : t,
    );
const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
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

/** Every command gets the generated output: what a broken, hostile or foreign host prints. */
class AnswerTransport implements CommandTransport {
  readonly host = 'fuzz';
  constructor(private readonly result: Omit<CommandResult, 'durationMs'>) {}
  async run(_command: Command): Promise<CommandResult> {
    return { ...this.result, durationMs: 1 };
  }
  async close(): Promise<void> {}
}
const HOST_PROBES: [string, (t: CommandTransport) => Promise<ProbeResult>][] = [
  ['host.disk', (t) => disk(t, { maxPercent: 90 })],
  ['host.memory', (t) => memory(t, { maxPercent: 90 })],
  ['host.load', (t) => load(t, { maxPerCore: 1 })],
  ['host.fail2ban', (t) => fail2ban(t, { jails: ['sshd'] })],
  ['host.oom-kills', (t) => oomKills(t, { hours: 24 })],
  ['host.time-sync', (t) => timeSync(t, {})],
];
const commandText = fc.oneof(
  planted(fc.string({ maxLength: 300 })),
  planted(
    fc
      .array(
        fc.array(fc.oneof(printable, fc.integer().map(String)), { maxLength: 7 }).map((w) => w.join(' ')),
        { maxLength: 8 },
      )
      .map((l) => l.join('\n')),
  ),
  fc.constantFrom(
    'MemTotal: 0 kB\nMemAvailable: -1 kB',
    'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 0 0 0 999% /',
    '0.00 0.00 nan 1/1 1',
    '',
  ),
);

/** What the engine keeps of a result: redacted, then bounded, exactly as specs/support/engine.ts does. */
function kept(raw: ProbeResult): string {
  const redact = (text: string) => redactText(text, secretForms());
  const result = redactResult(raw, secretForms());
  const subjects = (result.subjects ?? []).map((s) => ({
    subject: s.subject,
    message: boundMessage(s.message, redact),
    evidence: boundEvidence(s.evidence as Json | undefined, redact),
  }));
  return JSON.stringify({
    message: boundMessage(result.message, redact),
    evidence: boundEvidence(result.evidence as Json | undefined, redact),
    subjects,
  });
}

function expectSound(result: ProbeResult, startedAt: number, deadlineMs: number): void {
  expect(OUTCOMES).toContain(result.outcome);
  seen.add(result.outcome);
  expect(typeof result.message).toBe('string');
  expect(performance.now() - startedAt).toBeLessThan(deadlineMs);
  const text = kept(result);
  for (const form of secretForms()) expect(text).not.toContain(form);
  expect(text.length).toBeLessThan(200_000);
}

describe('probes over generated target answers', () => {
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
          expectSound(result, started, 6 * TIMEOUT_MS + 2000);
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

  it(
    'command output fed to the host probes: an outcome, in time, no secret left',
    { timeout: 30_000 },
    async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...HOST_PROBES),
          fc.record({
            exitCode: fc.constantFrom(0, 0, 1, 2, 127, null),
            stdout: commandText,
            stderr: commandText,
          }),
          async ([, probe], r) => {
            cases++;
            const started = performance.now();
            const result = await probe(new AnswerTransport(r));
            expectSound(result, started, 2000);
          },
        ),
        { numRuns: 3000, interruptAfterTimeLimit: 15_000 },
      );
      expect(cases).toBeGreaterThan(50);
      process.stdout.write(`target-answer fuzzer (commands): ${cases} outputs, no finding\n`);
    },
  );
});
