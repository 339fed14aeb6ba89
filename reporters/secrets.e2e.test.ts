/**
 * No secret in any report, by construction: secrets planted in every place a policy can hold
 * one (endpoint headers from env and file, a basic-auth pair, monitoring and GitHub tokens, a
 * backup password, http.json's token param, an OAuth client secret) and the access token the
 * run obtains, sent to loopback targets that echo them back in headers, bodies, errors,
 * redirect Locations, JSON fields, target labels and API errors (a node echo server and the
 * lab's nginx). `npm test` runs the audit; every file it wrote and everything it printed —
 * and vitest's own verbose output of test names and failures — hold none of them in any form.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoServer, startEchoServer } from '../fixtures/lab/echo-server.ts';
import { type RunningNginx, startNginx } from '../fixtures/lab/nginx.ts';
import { labDir } from '../fixtures/lab/process.ts';
import { derivedForms } from '../policies/secret-forms.ts';

const root = resolve(import.meta.dirname, '..');
const DAY = '2026-11-23';
const tag = () => Math.random().toString(36).slice(2, 10);
const planted = {
  bearer: `bearer-hdr-${tag()}-Tok`,
  apiKey: `api-key-file-${tag()}/+=`,
  basicPassword: `basic-pw-${tag()}!`,
  jsonToken: `json-param-${tag()}`,
  clientSecret: `oauth-client-${tag()} &?`,
  prom: `prom-token-${tag()}`,
  grafana: `grafana-file-${tag()}`,
  github: `ghp_${tag()}${tag()}`,
  restic: `restic-pw-${tag()}`,
};
const basicPair = `auditor:${planted.basicPassword}`;

let echo: EchoServer;
let nginx: RunningNginx;
let dir: string;

beforeAll(async () => {
  echo = await startEchoServer();
  nginx = await startNginx({
    servers: [
      {
        locations: [
          {
            match: '= /echo',
            directives: [
              'default_type text/plain',
              'add_header X-Echo-Key $http_x_api_key always',
              'add_header X-Frame-Options $http_x_api_key always',
              'add_header X-Echo-Auth $http_authorization always',
              'return 200 "auth=$http_authorization key=$http_x_api_key"',
            ],
          },
          { match: '= /bounce', directives: ['return 302 "http://127.0.0.1:1/login?key=$http_x_api_key"'] },
        ],
      },
    ],
  });
  dir = labDir('secrets-e2e');
});

afterAll(async () => {
  await echo?.stop();
  await nginx?.stop();
});

function writePolicy(): string {
  const policy = join(dir, 'policy');
  mkdirSync(policy, { recursive: true });
  writeFileSync(join(policy, 'api.key'), `${planted.apiKey}\n`);
  writeFileSync(join(policy, 'grafana.token'), `${planted.grafana}\n`);
  const e = echo.url;
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  endpoints:
    - { name: echo-bearer, url: "${e}/", headers: { Authorization: { env: RS_E2E_BEARER } } }
    - { name: echo-key, url: "${e}/", headers: { X-Api-Key: { file: api.key } } }
    - { name: echo-basic, url: "${e}/", protected: true, headers: { Authorization: { env: RS_E2E_BASIC } } }
    - { name: echo-redirect, url: "${e}/redirect", headers: { Authorization: { env: RS_E2E_BEARER } } }
    - { name: echo-error, url: "${e}/error", headers: { X-Api-Key: { file: api.key } } }
    - { name: echo-json, url: "${e}/json" }
    - { name: nginx-echo, url: "${nginx.url('/echo')}", headers: { X-Api-Key: { file: api.key }, Authorization: { env: RS_E2E_BASIC } } }
    - { name: nginx-bounce, url: "${nginx.url('/bounce')}", headers: { X-Api-Key: { file: api.key } } }
  monitoring:
    - { name: prom, kind: prometheus, url: "${e}", token: { env: RS_E2E_PROM } }
    - { name: graf, kind: grafana, url: "${e}", token: { file: grafana.token } }
  repositories:
    - { name: gh, github: example/repo, token: { env: RS_E2E_GH } }
  backups:
    - { name: bk, kind: restic, path: ${join(dir, 'no-repo')}, password: { env: RS_E2E_RESTIC } }
controls:
  - { id: AVA-HTTP-001, title: Endpoint answers 200, category: availability, severity: high, check: http.status }
  - { id: SEC-HDR-001, title: Security headers are sent, category: security, severity: medium, check: http.headers }
  - { id: SEC-AUTH-001, title: Protected services demand authentication, category: security, severity: high, check: http.protected, targets: [echo-basic] }
  - { id: AVA-BODY-001, title: Body reads as expected, category: availability, severity: low, check: http.body, params: { pattern: "^never$" } }
  - id: BAK-API-001
    title: Snapshot API lists snapshots (token)
    category: backup-dr
    severity: high
    check: http.json
    targets: [echo-json]
    params: { token: { env: RS_E2E_JSON }, expect: [{ path: token, equals: nope }, { path: echo, matches: "^zzz$" }] }
  - id: BAK-API-002
    title: Snapshot API lists snapshots (OAuth)
    category: backup-dr
    severity: high
    check: http.json
    targets: [echo-json]
    params:
      oauth: { tokenUrl: "${e}/oauth/token", clientId: auditor, clientSecret: { env: RS_E2E_CLIENT } }
      expect: [{ path: token, equals: nope }]
  - { id: MON-PROM-001, title: Scrape targets are up, category: monitoring, severity: high, check: prometheus.targets, targets: [prom] }
  - { id: MON-GRAF-001, title: Data sources are healthy, category: monitoring, severity: medium, check: grafana.datasources, targets: [graf] }
  - { id: CHG-GH-001, title: Default branch is protected, category: change-control, severity: high, check: github.branch-protection, targets: [gh] }
  - { id: BAK-AGE-001, title: Backups are fresh, category: backup-dr, severity: high, check: backup.age, targets: [bk], params: { maxAgeHours: 24 } }
`,
  );
  return policy;
}

/** Runs the audit without blocking this process: the echo server lives here and must answer. */
function audit(
  args: string[],
  reports: string,
  unset: string[] = [],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = args;
  const child = spawn(command as string, rest, {
    cwd: root,
    timeout: 180_000,
    env: {
      ...process.env,
      READYSPEC_POLICY: writePolicy(),
      READYSPEC_REPORTS: reports,
      READYSPEC_NOW: `${DAY}T12:00:00Z`,
      READYSPEC_TIMEOUT_MS: '3000',
      GITHUB_API_URL: echo.url,
      RS_E2E_BEARER: `Bearer ${planted.bearer}`,
      RS_E2E_BASIC: `Basic ${Buffer.from(basicPair).toString('base64')}`,
      RS_E2E_JSON: planted.jsonToken,
      RS_E2E_CLIENT: planted.clientSecret,
      RS_E2E_PROM: planted.prom,
      RS_E2E_GH: planted.github,
      RS_E2E_RESTIC: planted.restic,
      ...Object.fromEntries(unset.map((name) => [name, undefined])),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every planted or obtained secret, each in every derived form, found in `text`. */
function leaks(text: string): string[] {
  const secrets = [...Object.values(planted), basicPair, echo.issued.accessToken, echo.issued.refreshToken];
  const found: string[] = [];
  for (const s of secrets) for (const f of derivedForms(s)) if (text.includes(f)) found.push(`${s} as ${f}`);
  return found;
}

describe('no secret in any report or on the console', () => {
  it('npm test against echoing targets: zero occurrences in every written file, stdout and stderr', async () => {
    const reports = join(dir, 'reports');
    const run = await audit(['npm', 'test', '--silent'], reports);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Grade\s+\S+/);
    // Every credential really travelled to the targets (else "no leak" would prove nothing).
    const received = echo.received.join('\n');
    for (const s of [...Object.values(planted).filter((v) => v !== planted.restic), basicPair])
      expect(received, s).toContain(s);
    expect(received).toContain(`Bearer ${echo.issued.accessToken}`);

    const files = filesUnder(reports);
    expect(files.some((f) => f.endsWith('results.json'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(0);
    for (const f of files) expect(leaks(readFileSync(f, 'utf8')), f).toEqual([]);
    expect(leaks(run.stdout), 'stdout').toEqual([]);
    expect(leaks(run.stderr), 'stderr').toEqual([]);

    // The echoes reached the run and were redacted, not lost: the rows say [REDACTED].
    const results = readFileSync(join(reports, DAY, 'results.json'), 'utf8');
    expect(results.split('[REDACTED]').length).toBeGreaterThan(10);
  });

  it("vitest's own verbose output (test names, failure messages) holds none either", async () => {
    echo.received.length = 0;
    const run = await audit(
      ['vitest', 'run', '--project', 'audit', '--reporter=verbose'],
      join(dir, 'reports-verbose'),
    );
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/MON-PROM-001/);
    expect(run.stdout + run.stderr).toMatch(/FAIL|×|✗/);
    expect(echo.received.join('\n')).toContain(planted.prom);
    expect(leaks(run.stdout), 'stdout').toEqual([]);
    expect(leaks(run.stderr), 'stderr').toEqual([]);
  });

  it('an unset variable refuses the policy before any request: exit 2, the file, JSON path and variable named, no report', async () => {
    echo.received.length = 0;
    const reports = join(dir, 'reports-unset');
    const run = await audit(['npm', 'test', '--silent'], reports, ['RS_E2E_GH', 'RS_E2E_JSON']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /policy\.yaml \/inventory\/repositories\/0\/token: environment variable RS_E2E_GH is not set/,
    );
    expect(run.stderr).toMatch(
      /policy\.yaml \/controls\/4\/params\/token: environment variable RS_E2E_JSON is not set/,
    );
    expect(echo.received).toEqual([]);
    expect(existsSync(reports)).toBe(false);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });
});
