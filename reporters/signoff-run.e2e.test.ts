/**
 * A signed-off phase across real `vitest --project audit` runs of a loopback policy: the signer
 * signs the first run's USER_ACCEPTANCE.md; a run with the same evidence passes the sign-off;
 * once the phase's endpoint answers 500 the sign-off fails in vitest's own console as in every
 * document (the engine settles it before its test reports, specs/support/signoff-hold.ts).
 * Where the engine cannot (a policy with TypeScript controls), the reporter settles it and the
 * console names the sign-off whose test passed as graded FAIL (settled-notice.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';

const root = resolve(import.meta.dirname, '..');

let dir: string;
let url: string;
let policy: string;
let reports: string;
let server: Server;
let status = 200;

function audit(now: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      join(root, 'node_modules/.bin/vitest'),
      // verbose: one line per test in CI too (the default reporter lists only files when CI is set).
      ['run', '--project', 'audit', '--reporter=verbose'],
      {
        cwd: root,
        timeout: 120_000,
        env: { ...process.env, READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports, READYSPEC_NOW: now },
      },
      (err, stdout, stderr) =>
        done({
          code: err ? Number(err.code ?? 1) : 0,
          out: stripVTControlCharacters(`${stdout}\n${stderr}`),
        }),
    );
  });
}

const read = (day: string, file: string) => readFileSync(join(reports, day, file), 'utf8');
const results = (day: string) =>
  JSON.parse(read(day, 'results.json')) as { controls: { id: string; outcome: string; message: string }[] };
const signoff = (day: string) => results(day).controls.find((c) => c.id === 'ACC-SIGN-001');

/** Fills the sign-off block's fields as a person would. */
function sign(markdown: string, fields: Record<string, string>): string {
  const at = markdown.search(/\n## Sign-off\r?\n/);
  let block = markdown.slice(at);
  for (const [label, value] of Object.entries(fields))
    block = block.replace(new RegExp(`- \\*\\*${label}:\\*\\*.*`), `- **${label}:** ${value}`);
  return markdown.slice(0, at) + block;
}

beforeAll(async () => {
  dir = labDir('signoff-run');
  server = createServer((_req, res) => res.writeHead(status).end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

/** A fresh policy and reports folder; `custom`: the policy also runs a TypeScript control. */
function setUp(name: string, custom: boolean): void {
  status = 200;
  policy = join(dir, name, 'policy');
  reports = join(dir, name, 'reports');
  mkdirSync(policy, { recursive: true });
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  endpoints:
    - { name: web, url: "${url}" }
  phases:
    - { name: go-live, title: Go live, closed: true }
controls:
  - { id: AVA-HTTP-001, title: answers 200, category: availability, severity: medium, check: http.status, targets: [web], phase: go-live }
  - { id: ACC-SIGN-001, title: Closed phases are signed off, category: acceptance, severity: high, check: acceptance.signoff }
${custom ? 'custom: [REL-NODE-001]\n' : ''}`,
  );
}

/** Day 1 unsigned, then signed by Dana Reyes as offered (this run, its digest). */
async function signFirstRun(): Promise<void> {
  const day1 = await audit('2026-02-02T10:00:00Z');
  expect(signoff('2026-02-02')?.outcome, day1.out).toBe('fail');
  const doc = join(reports, '2026-02-02', 'go-live', 'USER_ACCEPTANCE.md');
  writeFileSync(
    doc,
    sign(readFileSync(doc, 'utf8'), {
      Name: 'Dana Reyes',
      Role: 'Service owner',
      Date: '2026-02-02',
      Decision: 'accepted',
    }),
  );
}

afterAll(() => {
  server?.close();
});

describe('a signed-off phase whose evidence changes', () => {
  it(
    'fails the sign-off test itself, so the console and the documents agree',
    { timeout: 240_000 },
    async () => {
      setUp('engine', false);
      await signFirstRun();

      // Day 2, same evidence: the sign-off passes in the console and the documents.
      const day2 = await audit('2026-02-03T10:00:00Z');
      expect(signoff('2026-02-03'), day2.out).toMatchObject({ outcome: 'pass' });
      expect(signoff('2026-02-03')?.message).toContain('evidence unchanged since sign-off');
      expect(day2.out).toMatch(/Tests\s+2 passed/);
      expect(day2.out).toMatch(/✓ .*\bACC-SIGN-001 Closed phases are signed off @ go-live/);
      expect(day2.code).toBe(0);

      // Day 3: the phase's endpoint answers 500, so the approved evidence no longer holds.
      status = 500;
      const day3 = await audit('2026-02-04T10:00:00Z');
      const row = signoff('2026-02-04');
      expect(row, day3.out).toMatchObject({ outcome: 'fail' });
      expect(row?.message).toContain('evidence changed since sign-off');
      // vitest's own lines: the sign-off's test failed with the documents' message, not passed.
      expect(day3.out).toMatch(/Tests\s+2 failed/);
      expect(day3.out).toMatch(/× .*\bACC-SIGN-001 Closed phases are signed off @ go-live/);
      expect(day3.out).toMatch(/FAIL .*ACC-SIGN-001 Closed phases are signed off @ go-live/);
      expect(day3.out).toContain('evidence changed since sign-off');
      expect(day3.out).not.toContain('Settled after the tests');
      for (const file of ['PRODUCTION_READY_ASSESSMENT_2026-02-04.md', 'go-live/USER_ACCEPTANCE.md'])
        expect(read('2026-02-04', file)).toContain('evidence changed since sign-off');
      expect(day3.code).toBe(1);
    },
  );
});

describe('a signed-off phase in a policy with TypeScript controls (the reporter settles it)', () => {
  it(
    'names the sign-off settled after its test, so the console does not end on its pass',
    { timeout: 240_000 },
    async () => {
      setUp('reporter', true);
      await signFirstRun();
      status = 500;
      const day2 = await audit('2026-02-03T10:00:00Z');
      expect(signoff('2026-02-03'), day2.out).toMatchObject({ outcome: 'fail' });
      expect(read('2026-02-03', 'go-live/USER_ACCEPTANCE.md')).toContain('evidence changed since sign-off');
      // Its test ran before every result of the phase was in: it passed, and the console says
      // in words that the documents graded it FAIL.
      expect(day2.out).toMatch(/✓ .*\bACC-SIGN-001 Closed phases are signed off @ go-live/);
      expect(day2.out).toContain('Settled after the tests');
      expect(day2.out).toMatch(
        /^ {2}ACC-SIGN-001 @ go-live: its test ran as PASS; graded FAIL once every result was in: phase go-live: evidence changed since sign-off/m,
      );
      expect(day2.code).toBe(1);
    },
  );
});
