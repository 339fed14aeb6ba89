/**
 * A real lab run with CI outputs: nginx on loopback, a git repository with a committed
 * credential, a compose file publishing a database on every address. Run as CI would, with
 * `--reporter=junit --outputFile=…` on the command line and JUnit, JSON and a textfile path in
 * the policy: the grade and every document are still written, beside the JUnit XML, the vitest
 * JSON, the step summary ($GITHUB_STEP_SUMMARY), annotations on stdout, SARIF and the textfile
 * (checked by promtool).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNginx, startNginx } from '../fixtures/lab/nginx.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { expectValidResults } from './expect-results.ts';

const root = resolve(import.meta.dirname, '..');
const NOW = '2026-11-23T12:00:00Z';
const DAY = '2026-11-23';

let nginx: RunningNginx;
let dir: string;

function git(repo: string, ...args: string[]) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.test' };
  spawnSync('git', ['-C', repo, ...args], {
    env: { ...env, GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.test' },
  });
}

beforeAll(async () => {
  nginx = await startNginx({
    servers: [
      {
        locations: [
          { match: '= /health', directives: ['return 200 "ok"'] },
          { match: '= /broken', directives: ['return 500'] },
        ],
      },
    ],
  });
  dir = labDir('ci-outputs');
  const repo = join(dir, 'app-repo');
  mkdirSync(join(repo, 'config'), { recursive: true });
  // A credential made now, never a fixed one: the test proves it never reaches an output.
  writeFileSync(
    join(repo, 'config', '.env'),
    `APP_NAME=shop\nDB_PASSWORD=${randomBytes(12).toString('hex')}\n`,
  );
  writeFileSync(join(repo, 'README.md'), '# app\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'app');
  writeFileSync(
    join(dir, 'docker-compose.yml'),
    `services:\n  web:\n    image: lab/busybox:1\n    ports:\n      - "127.0.0.1:8080:8080"\n  db:\n    image: lab/busybox:1\n    ports:\n      - "0.0.0.0:5433:5432"\n`,
  );
});

afterAll(async () => {
  await nginx?.stop();
});

function writePolicy(): string {
  const policy = join(dir, 'policy');
  mkdirSync(policy, { recursive: true });
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  hosts:
    - { name: local, transport: local }
  endpoints:
    - { name: health, url: "${nginx.url('/health')}" }
    - { name: broken, url: "${nginx.url('/broken')}" }
  repositories:
    - { name: app-repo, path: ${join(dir, 'app-repo')} }
rubric:
  outputs: { junit: ${join(dir, 'out', 'junit.xml')}, json: ${join(dir, 'out', 'vitest.json')}, prometheus: ${join(dir, 'textfile', 'readyspec.prom')} }
controls:
  - { id: AVA-HTTP-001, title: Endpoint answers 200, category: availability, severity: critical, check: http.status, targets: [health, broken] }
  - { id: SEC-GIT-002, title: No secrets in committed content, category: security, severity: critical, check: git.secret-content, targets: [app-repo] }
  - { id: SEC-CMP-001, title: Compose binds ports to loopback, category: security, severity: high, check: compose.ports, targets: [local], params: { files: [${join(dir, 'docker-compose.yml')}] } }
`,
  );
  return policy;
}

describe('CI outputs beside the documents (a real lab run)', () => {
  it(
    '--reporter=junit keeps the grade and documents; summary, annotations, SARIF, textfile, JUnit and JSON',
    { timeout: 180_000 },
    () => {
      const reports = join(dir, 'reports');
      const summaryFile = join(dir, 'step-summary.md');
      writeFileSync(summaryFile, '## an earlier step\n\n');
      const flagJunit = join(dir, 'flag-junit.xml');
      const run = spawnSync(
        join(root, 'node_modules/.bin/vitest'),
        ['run', '--project', 'audit', '--reporter=junit', `--outputFile=${flagJunit}`],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 150_000,
          env: {
            ...process.env,
            READYSPEC_POLICY: writePolicy(),
            READYSPEC_REPORTS: reports,
            READYSPEC_NOW: NOW,
            READYSPEC_TIMEOUT_MS: '5000',
            GITHUB_ACTIONS: 'true',
            GITHUB_STEP_SUMMARY: summaryFile,
            GITHUB_SERVER_URL: 'https://github.example.test',
            GITHUB_REPOSITORY: 'acme/platform',
            GITHUB_RUN_ID: '4242',
          },
        },
      );
      const out = `${run.stdout}\n${run.stderr}`;
      // The grade and the documents, as without the flag.
      expect(out).toMatch(/Grade\s+\S+/);
      const day = join(reports, DAY);
      for (const f of [`PRODUCTION_READY_ASSESSMENT_${DAY}.md`, `SECURITY_AUDIT_${DAY}.html`, 'results.json'])
        expect(existsSync(join(day, f)), f).toBe(true);
      expectValidResults(reports);
      const results = JSON.parse(readFileSync(join(day, 'results.json'), 'utf8'));
      const outcome = (id: string, target: string, subject?: string) =>
        results.controls.find(
          (c: { id: string; target: string; subject?: string }) =>
            c.id === id && c.target === target && (subject === undefined || c.subject === subject),
        )?.outcome;
      expect(outcome('AVA-HTTP-001', 'broken')).toBe('fail');
      expect(outcome('SEC-GIT-002', 'app-repo', 'config/.env')).toBe('fail');
      expect(outcome('SEC-CMP-001', 'local', 'db')).toBe('fail');
      expect(outcome('SEC-CMP-001', 'local', 'web')).toBe('pass');
      const secret = readFileSync(join(dir, 'app-repo', 'config', '.env'), 'utf8').match(
        /DB_PASSWORD=(\w+)/,
      )?.[1] as string;

      // JUnit by flag and by policy, JSON by policy: vitest's own reporters, every audit test.
      for (const xml of [flagJunit, join(dir, 'out', 'junit.xml')]) {
        const junit = readFileSync(xml, 'utf8');
        expect(junit).toContain('<testsuites');
        expect(junit).toContain('AVA-HTTP-001 Endpoint answers 200 @ broken');
      }
      const json = JSON.parse(readFileSync(join(dir, 'out', 'vitest.json'), 'utf8'));
      expect(json.numFailedTests).toBeGreaterThanOrEqual(3);

      // The step summary, appended after what earlier steps wrote.
      const summary = readFileSync(summaryFile, 'utf8');
      expect(summary.startsWith('## an earlier step\n\n## ❌ NOT READY — grade ')).toBe(true);
      expect(summary).toContain(`· ${DAY}`);
      expect(summary).toMatch(/\| Security \| 15 \| [\d.]+ \| — \| \d+ \/ \d+ \| \d+ \| 0 \|/);
      expect(summary).toContain('### Blocking');
      expect(summary).toMatch(/- AVA-HTTP-001 fails on broken: /);
      expect(summary).toMatch(/- SEC-GIT-002 fails on app-repo › config\/\.env: /);
      expect(summary).toContain(`PRODUCTION_READY_ASSESSMENT_${DAY}.md`);
      expect(summary).toContain('(https://github.example.test/acme/platform/actions/runs/4242#artifacts)');

      // Annotations: one ::error per failing blocking control row, properties escaped.
      expect(run.stdout).toMatch(
        /^::error title=AVA-HTTP-001 @ broken%3A blocking control fails::Endpoint answers 200: /m,
      );
      expect(run.stdout).toMatch(
        /^::error title=SEC-GIT-002 @ app-repo › config\/\.env%3A blocking control fails::/m,
      );

      // SARIF: the committed credential at its file and line, the compose binding at its line.
      const sarif = JSON.parse(readFileSync(join(day, 'readyspec.sarif'), 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      const located = sarif.runs[0].results.map(
        (r: {
          ruleId: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
          }[];
        }) => [
          r.ruleId,
          r.locations[0]?.physicalLocation.artifactLocation.uri,
          r.locations[0]?.physicalLocation.region?.startLine,
        ],
      );
      expect(located).toContainEqual(['SEC-GIT-002', 'config/.env', 2]);
      expect(located).toContainEqual(['SEC-CMP-001', `${join(dir, 'docker-compose.yml').slice(1)}`, 9]);

      // The textfile, in the day's folder and where the policy asked, valid for promtool.
      for (const prom of [join(day, 'readyspec.prom'), join(dir, 'textfile', 'readyspec.prom')]) {
        const text = readFileSync(prom, 'utf8');
        expect(text).toMatch(/^readyspec_ready\{policy="[^"]+"\} 0$/m);
        expect(text).toMatch(
          /^readyspec_control_outcome\{policy="[^"]+",control="SEC-CMP-001",target="local",subject="db",outcome="fail",severity="high"\} 1$/m,
        );
        const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(`${check.stdout}${check.stderr}`).toBe('');
        expect(check.status).toBe(0);
      }
      // The credential reaches none of the outputs.
      for (const f of [summaryFile, join(day, 'readyspec.sarif'), join(day, 'readyspec.prom'), flagJunit])
        expect(readFileSync(f, 'utf8'), f).not.toContain(secret);
      expect(run.stdout).not.toContain(secret);
    },
  );
});
