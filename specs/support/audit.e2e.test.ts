/**
 * End to end: `npm test` with a fixture policy against a real nginx on loopback and the local
 * machine, then read the documents and results.json it wrote, as an auditor would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNginx, startNginx } from '../../fixtures/lab/nginx.ts';
import { freePort, labDir } from '../../fixtures/lab/process.ts';
import { expectValidResults } from '../../reporters/expect-results.ts';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-23T12:00:00Z';
const DAY = '2026-11-23';

function npmTest(policy: string, reports: string) {
  return spawnSync('npm', ['test', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      READYSPEC_POLICY: policy,
      READYSPEC_REPORTS: reports,
      READYSPEC_NOW: NOW,
      READYSPEC_TIMEOUT_MS: '3000',
    },
  });
}

let nginx: RunningNginx;
let dir: string;

beforeAll(async () => {
  nginx = await startNginx({
    files: { 'private/index.html': 'members only' },
    servers: [
      {
        directives: [
          'add_header X-Content-Type-Options nosniff always',
          'add_header X-Frame-Options DENY always',
          'add_header Referrer-Policy no-referrer always',
        ],
        locations: [
          {
            match: '= /health',
            directives: ['default_type application/json', 'return 200 \'{"status":"ok"}\''],
          },
          { match: '= /app', directives: ['return 302 https://sso.example.test/login?rd=/app'] },
          { match: '= /broken', directives: ['return 500'] },
        ],
      },
      { locations: [{ match: '/', directives: ['return 200 "no headers"'] }] },
    ],
  });
  dir = labDir('e2e');
});

afterAll(async () => {
  await nginx?.stop();
});

function writePolicy(closedPort: number): string {
  const policy = join(dir, 'policy');
  mkdirSync(policy, { recursive: true });
  writeFileSync(
    join(policy, 'inventory.yaml'),
    `inventory:
  hosts:
    - { name: local, transport: local }
  endpoints:
    - { name: health, url: "${nginx.url('/health')}" }
    - { name: app, url: "${nginx.url('/app')}", protected: true, authUrl: "^https://sso\\\\.example\\\\.test/" }
    - { name: broken, url: "${nginx.url('/broken')}" }
    - { name: bare, url: "${nginx.url('/', 1)}" }
    - { name: dead, url: "http://127.0.0.1:${closedPort}/" }
`,
  );
  writeFileSync(
    join(policy, 'controls.yaml'),
    `controls:
  - { id: AVA-HTTP-001, title: Endpoint answers 200, category: availability, severity: high, check: http.status, targets: [health, broken, dead] }
  - { id: SEC-AUTH-001, title: Protected services demand authentication, category: security, severity: critical, check: http.protected, targets: [app, health] }
  - { id: SEC-HDR-001, title: Security headers are sent, category: security, severity: medium, check: http.headers, targets: [health, bare] }
  - { id: SEC-FILE-001, title: passwd is not writable by others, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
waivers:
  - { control: SEC-HDR-001, target: bare, justification: Legacy vhost retired next sprint, owner: alice, approver: bob, expires: "2026-12-15" }
`,
  );
  return policy;
}

describe('npm test (the audit) end to end', () => {
  it('grades the policy and writes the dated documents and results.json', async () => {
    const reports = join(dir, 'reports');
    const run = npmTest(writePolicy(await freePort()), reports);
    expect(run.stdout + run.stderr).toMatch(/Grade\s+\S+/);
    expect(run.status).toBe(1); // failing controls fail their tests
    expectValidResults(reports);

    const results = JSON.parse(readFileSync(join(reports, DAY, 'results.json'), 'utf8'));
    const outcome = (id: string, target: string) =>
      results.controls.find((c: { id: string; target: string }) => c.id === id && c.target === target)
        ?.outcome;
    expect(outcome('AVA-HTTP-001', 'health')).toBe('pass');
    expect(outcome('AVA-HTTP-001', 'broken')).toBe('fail');
    expect(outcome('AVA-HTTP-001', 'dead')).toBe('error');
    expect(outcome('SEC-AUTH-001', 'app')).toBe('pass');
    expect(outcome('SEC-AUTH-001', 'health')).toBe('not-applicable');
    expect(outcome('SEC-HDR-001', 'health')).toBe('pass');
    expect(outcome('SEC-HDR-001', 'bare')).toBe('waived');
    expect(outcome('SEC-FILE-001', 'local')).toBe('pass');
    // Tests carry only what the probe found; the reporter adds the control's fields from the policy.
    expect(results.controls.find((c: { id: string }) => c.id === 'SEC-AUTH-001')).toMatchObject({
      title: 'Protected services demand authentication',
      category: 'security',
      severity: 'critical',
      check: 'http.protected',
      blocking: true,
    });
    expect(results.schemaVersion).toBe(2);
    expect(results.date).toBe(DAY);
    expect(results.decision.ready).toBe(false);

    const assessment = readFileSync(join(reports, DAY, `PRODUCTION_READY_ASSESSMENT_${DAY}.md`), 'utf8');
    expect(assessment).toContain('AVA-HTTP-001');
    expect(assessment).toMatch(/Legacy vhost retired next sprint/);
    for (const doc of [
      'SERVICE_HEALTH_REPORT',
      'SECURITY_AUDIT',
      'MONITORING_VALIDATION',
      'BACKUP_DR_STATUS',
    ]) {
      expect(existsSync(join(reports, DAY, `${doc}_${DAY}.md`))).toBe(true);
      expect(existsSync(join(reports, DAY, `${doc}_${DAY}.html`))).toBe(true);
    }
  });

  it('refuses a broken policy before any connection and writes no report', () => {
    const policy = join(dir, 'broken-policy');
    mkdirSync(policy, { recursive: true });
    writeFileSync(
      join(policy, 'p.yaml'),
      'controls:\n  - id: AVA-HTTP-001\n    check: http.statsu\n   title: x\n',
    );
    const reports = join(dir, 'reports-broken');
    const run = npmTest(policy, reports);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/p\.yaml:4:\d+: YAML syntax/);
    expect(existsSync(reports)).toBe(false);
  });
});
