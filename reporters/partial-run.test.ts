/**
 * Runs that do not grade the whole policy, in real `vitest --project audit` runs of a fixture
 * policy: -t, --bail that cancelled tests, and one shard without its merge each write documents
 * marked PARTIAL (titles and results.json) under partial/, and so does a merge of some shards'
 * blobs but not all; each says so in the terminal and adds no
 * history line; a whole run writes the day's documents and one history line. A control's
 * policyNote reaches the terminal, never a document.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';

const root = resolve(import.meta.dirname, '..');
const NOW = '2026-01-15T10:00:00Z';
const DAY = '2026-01-15';

/** Async, not spawnSync: the slow endpoint below is served by this process while vitest runs. */
function vitest(args: string[], reports: string, project = true): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      join(root, 'node_modules/.bin/vitest'),
      ['run', ...(project ? ['--project', 'audit'] : []), ...args],
      {
        cwd: root,
        timeout: 120_000,
        env: {
          ...process.env,
          READYSPEC_POLICY: policy,
          READYSPEC_REPORTS: reports,
          READYSPEC_NOW: NOW,
          READYSPEC_TIMEOUT_MS: '5000',
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}\n${stderr}` }),
    );
  });
}

const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];

let dir: string;
let policy: string;
let slow: Server;

beforeAll(async () => {
  dir = labDir('partial-run');
  // Answers after 2 s: a test still waiting for it when --bail stops the run is cancelled.
  slow = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200).end('late'), 2000);
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
  policy = join(dir, 'policy');
  mkdirSync(policy);
  // security (one control, fails) runs before availability (two slow controls): smallest first.
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  hosts:
    - { name: local, transport: local }
  endpoints:
    - { name: slow-a, url: "${url}a" }
    - { name: slow-b, url: "${url}b" }
controls:
  - { id: SEC-FILE-001, title: passwd owner-only, category: security, severity: medium, check: host.file-mode, params: { path: /etc/passwd, maxMode: '600' }, remediation: "chmod 600 /etc/passwd", policyNote: "Point params.path at the file this host must protect" }
  - { id: AVA-HTTP-001, title: answers 200, category: availability, severity: high, check: http.status, targets: [slow-a] }
  - { id: AVA-HTTP-002, title: answers 200 too, category: availability, severity: high, check: http.status, targets: [slow-b] }
`,
  );
});

afterAll(() => {
  slow?.close();
});

function expectPartial(reports: string, out: string, reason: RegExp) {
  expect(existsSync(join(reports, DAY)), "the day's folder is left alone").toBe(false);
  expect(existsSync(join(reports, 'history.jsonl')), 'no history line').toBe(false);
  const day = join(reports, 'partial', DAY);
  const results = JSON.parse(readFileSync(join(day, 'results.json'), 'utf8'));
  expect(results.partial.reason).toMatch(reason);
  expect(Object.keys(results).slice(0, 2)).toEqual(['schemaVersion', 'partial']);
  const docs = files(day).filter((f) => f.endsWith('.md'));
  expect(docs).toContain(`PRODUCTION_READY_ASSESSMENT_${DAY}.md`);
  for (const f of docs) {
    const md = readFileSync(join(day, f), 'utf8');
    expect(md.split('\n')[0], f).toMatch(/^# PARTIAL — /);
    expect(md, f).toContain('PARTIAL RUN — not the whole policy.');
    const html = readFileSync(join(day, f.replace(/\.md$/, '.html')), 'utf8');
    expect(html, f).toMatch(/<title>PARTIAL — /);
  }
  expect(out).toMatch(/PARTIAL RUN: .+/);
  // Said before the grade is read, too.
  const banner = out.indexOf('PARTIAL RUN — not the whole policy: ');
  expect(banner).toBeGreaterThanOrEqual(0);
  expect(banner).toBeLessThan(out.indexOf('  Grade '));
  expect(out).toMatch(reason);
}

describe('partial runs', () => {
  it('a whole run writes the day and one history line', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'whole');
    const run = await vitest([], reports);
    expect(run.out).toContain('Grade');
    expect(run.out).not.toContain('PARTIAL');
    const results = JSON.parse(readFileSync(join(reports, DAY, 'results.json'), 'utf8'));
    expect(results.partial).toBeUndefined();
    expect(results.controls.map((c: { id: string }) => c.id)).toEqual([
      'AVA-HTTP-001',
      'AVA-HTTP-002',
      'SEC-FILE-001',
    ]);
    const assessment = readFileSync(join(reports, DAY, `PRODUCTION_READY_ASSESSMENT_${DAY}.md`), 'utf8');
    expect(assessment).not.toContain('PARTIAL');
    const history = readFileSync(join(reports, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0] as string)).toMatchObject({ date: DAY, results: `${DAY}/results.json` });
    expect(existsSync(join(reports, 'partial'))).toBe(false);
    expect(run.out).toContain('SEC-FILE-001: Point params.path at the file this host must protect');
    for (const f of files(join(reports, DAY)).filter((f) => /\.(md|html|json)$/.test(f))) {
      const text = readFileSync(join(reports, DAY, f), 'utf8');
      expect(text, f).not.toContain('Point params.path');
    }
    expect(assessment).toContain('chmod 600 /etc/passwd');
  });

  it('-t writes PARTIAL documents and no history line', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'filtered');
    const run = await vitest(['-t', 'SEC-FILE'], reports);
    expectPartial(reports, run.out, /-t "SEC-FILE"/);
  });

  it('a file filter writes PARTIAL documents', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'one-file');
    const run = await vitest(['specs/security.spec.ts'], reports);
    expectPartial(reports, run.out, /only 1 of the audit's \d+ spec files ran \(file filter\)/);
  });

  it('--bail that cancelled tests writes PARTIAL documents', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'bailed');
    const run = await vitest(['--bail=1'], reports);
    expectPartial(reports, run.out, /stopped by --bail=1 before every test ran/);
  });

  it('one shard without its merge writes PARTIAL documents', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'shard');
    const run = await vitest(['--shard=1/2'], reports);
    expectPartial(reports, run.out, /shard 1\/2 graded without --merge-reports/);
  });

  it('a merge of one shard of two writes PARTIAL documents', { timeout: 120_000 }, async () => {
    const blobs = join(dir, 'blobs');
    const shard = await vitest(
      ['--shard=1/2', '--reporter=blob', `--outputFile=${join(blobs, 'blob-1.json')}`],
      join(dir, 'blob-shard'),
    );
    expect(shard.out).toContain('blob report written');
    const reports = join(dir, 'merged-one');
    const merged = await vitest([`--merge-reports=${blobs}`], reports, false);
    expectPartial(reports, merged.out, /the merged blobs hold shard 1 of 2 \(missing 2\)/);
  });
});
