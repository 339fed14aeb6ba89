/**
 * Property (fast-check): whatever policy text a user or an attacker writes — policy-shaped
 * documents with hostile values, or raw YAML made of anchors, tags, merge keys, brackets and
 * control characters — loading it either gives a policy with controls or one PolicyError whose
 * problems are one plain line each, never another exception, a stack trace or a hang.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { catalogIndex } from '../checks/catalog-index.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';

const PER_CASE_MS = 3000;
const checks = catalogIndex.names();

/** Values a policy field may hold that have broken readyspec before, and plain noise. */
const hostile = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    '2026-02-30',
    '0000-00-00',
    'http://127.0.0.1:70000/',
    'http://[zz/',
    'Mars/Olympus',
    '(a+)+$',
    '(',
    '(?=x)',
    'a..b',
    'a[',
    '127.0.0.1:99999',
    '\u0000\u001b[31m\u0007\u202e',
    'x'.repeat(5000),
    -1,
    0,
    65536,
    1e308,
    Number.NaN,
    null,
    true,
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

const name = fc.oneof(fc.constantFrom('local', 'web', 'a', 'b', '__proto__'), fc.string({ maxLength: 12 }));
const category = fc.oneof(
  fc.constantFrom('security', 'availability', 'constructor', 'capacity', 'hasOwnProperty'),
  fc.string({ maxLength: 12 }),
);
const severity = fc.oneof(fc.constantFrom('info', 'low', 'medium', 'high', 'critical'), hostile);
const params = fc.dictionary(
  fc.oneof(
    fc.constantFrom('path', 'pattern', 'json', 'expect', 'resolver', 'addresses', 'url', 'maxMode'),
    fc.string({ maxLength: 10 }),
  ),
  hostile,
  { maxKeys: 4 },
);

const control = fc.record(
  {
    id: fc.oneof(fc.constantFrom('SEC-X-001', 'AVA-HTTP-001', 'bad id'), fc.string({ maxLength: 14 })),
    title: fc.oneof(fc.constant('t'), hostile),
    category,
    severity,
    check: fc.oneof(fc.constantFrom(...checks), fc.string({ maxLength: 14 })),
    targets: fc.oneof(fc.array(name, { maxLength: 3 }), hostile),
    params,
  },
  { requiredKeys: ['id', 'title', 'category', 'severity', 'check'] },
);

const policyShaped = fc
  .record(
    {
      inventory: fc.record(
        {
          hosts: fc.array(
            fc.record(
              {
                name,
                transport: fc.constantFrom('local', 'ssh'),
                address: hostile,
                jump: name,
                port: hostile,
              },
              { requiredKeys: ['name'] },
            ),
            { maxLength: 3 },
          ),
          endpoints: fc.array(
            fc.record({ name, url: fc.oneof(fc.constant('http://127.0.0.1:1/'), hostile) }),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      controls: fc.oneof(fc.array(control, { maxLength: 4 }), hostile),
      rubric: fc.dictionary(
        fc.constantFrom('timezone', 'categories', 'severityWeights', 'reports', 'thresholds', 'waivers'),
        fc.oneof(hostile, fc.dictionary(category, fc.record({ weight: hostile }), { maxKeys: 3 })),
        { maxKeys: 3 },
      ),
      waivers: fc.array(
        fc.record({
          control: fc.constant('SEC-X-001'),
          target: name,
          justification: fc.constant('retired next sprint'),
          owner: fc.constant('a'),
          approver: fc.constant('b'),
          expires: hostile,
        }),
        { maxLength: 2 },
      ),
      extends: fc.oneof(fc.constantFrom('linux-baseline', '../../etc', '__proto__'), hostile),
    },
    { requiredKeys: [] },
  )
  .map((doc) => yaml.dump(doc, { noRefs: true, skipInvalid: true, lineWidth: -1 }));

/** A valid policy with at most two fields replaced by hostile values: the mistakes one edit makes. */
const BASE = {
  inventory: {
    hosts: [{ name: 'local', transport: 'local' }],
    endpoints: [{ name: 'web', url: 'http://127.0.0.1:8080/' }],
  },
  controls: [
    {
      id: 'SEC-FILE-001',
      title: 'passwd',
      category: 'security',
      severity: 'high',
      check: 'host.file-mode',
      params: { path: '/etc/passwd', maxMode: '644' },
    },
    {
      id: 'AVA-HTTP-001',
      title: 'body',
      category: 'availability',
      severity: 'medium',
      check: 'http.body',
      targets: ['web'],
      params: { pattern: 'ok', json: { path: 'a.b[0]', exists: true } },
    },
  ],
  waivers: [
    {
      control: 'SEC-FILE-001',
      target: 'local',
      justification: 'retired next sprint',
      owner: 'a',
      approver: 'b',
      expires: '2026-12-20',
    },
  ],
};
const FIELDS = [
  ['inventory', 'hosts', 0, 'name'],
  ['inventory', 'hosts', 0, 'jump'],
  ['inventory', 'endpoints', 0, 'url'],
  ['controls', 0, 'category'],
  ['controls', 0, 'severity'],
  ['controls', 0, 'check'],
  ['controls', 0, 'params', 'path'],
  ['controls', 1, 'params', 'pattern'],
  ['controls', 1, 'params', 'json', 'path'],
  ['controls', 1, 'targets'],
  ['controls'],
  ['waivers', 0, 'expires'],
  ['waivers', 0, 'target'],
  ['rubric', 'timezone'],
  ['rubric', 'categories', 'security', 'weight'],
  ['rubric', 'severityWeights', 'high'],
  ['rubric', 'reports'],
] as const;

function setAt(doc: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cur = doc as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    if (cur[step] === null || typeof cur[step] !== 'object') cur[step] = {};
    cur = cur[step] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

const mutatedValid = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS), hostile), { maxLength: 2 })
  .map((edits) => {
    const doc = structuredClone(BASE) as Record<string, unknown>;
    for (const [path, value] of edits) setAt(doc, path, value);
    return yaml.dump(doc, { noRefs: true, skipInvalid: true, lineWidth: -1 });
  });

/** YAML syntax that has hung, exhausted or crashed parsers: anchors, tags, merges, nesting. */
const rawYaml = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'a: &a [1, 2, 3]',
        'b: [*a, *a, *a, *a]',
        'controls: &c [*c]',
        '<<: *a',
        '<<: [*a, *b]',
        '!!js/function "function () {}"',
        '!!binary AAAA',
        '!!set { a, b }',
        '? [a, b]: c',
        '%YAML 1.1',
        '---',
        '...',
        `${'['.repeat(300)}${']'.repeat(300)}`,
        `${'{a: '.repeat(100)}1${'}'.repeat(100)}`,
        'controls:\n  - id: SEC-X-001\n    check: host.file-mode',
        '\t- tab',
        '"unterminated',
        '\u0000\u001b\u0007\u202e',
        '\uFEFFcontrols: []',
      ),
      fc.string({ maxLength: 60 }),
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'));

describe('validate over generated policies', () => {
  it(
    'gives a policy with controls or one PolicyError of one-line problems, in bounded time',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'readyspec-fuzz-policy-'));
      const file = join(dir, 'p.yaml');
      let cases = 0;
      let valid = 0;
      const rss = process.memoryUsage().rss;
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedValid, policyShaped, rawYaml), async (text) => {
          cases++;
          writeFileSync(file, text);
          const started = performance.now();
          const outcome = await loadPolicy(dir, { today: '2026-12-02', secrets: 'optional' }).then(
            (policy) => ({ policy }),
            (err: unknown) => ({ err }),
          );
          expect(performance.now() - started).toBeLessThan(PER_CASE_MS);
          if ('policy' in outcome) {
            expect(outcome.policy.controls.length + (outcome.policy.custom?.length ?? 0)).toBeGreaterThan(0);
            valid++;
            return;
          }
          expect(outcome.err).toBeInstanceOf(PolicyError);
          const [head, ...lines] = (outcome.err as PolicyError).message.split('\n');
          expect(head).toMatch(/^readyspec: the policy is not valid \(\d+ problems?\)/);
          for (const line of lines) {
            expect(line).toMatch(/^ {2}\S/);
            expect(line.length).toBeLessThanOrEqual(2002);
            expect(line).not.toMatch(/^\s+at /);
          }
        }),
        { numRuns: 1500, interruptAfterTimeLimit: 40_000 },
      );
      expect(cases).toBeGreaterThan(50);
      // Bounded memory: no case kept or expanded anything big.
      expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
      process.stdout.write(
        `validate fuzzer: ${cases} policies, ${valid} valid, ${cases - valid} refused in one plain message\n`,
      );
    },
  );
});
