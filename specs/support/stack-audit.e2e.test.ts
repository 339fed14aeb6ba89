/**
 * The two-host stack through `npm test`: "master" and "lady", each a real sshd with its own
 * dockerd reached over the host's SSH connection. Run 1 grades both hosts; then lady's sshd
 * dies and run 2 completes anyway: lady's controls are `error` with the cause, master's are
 * graded as before, and the assessment shows what regressed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerEngine, importImage, LAB_IMAGE, startEngine } from '../../fixtures/lab/docker-engine.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { ensureLabUser, LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';

const root = resolve(import.meta.dirname, '../..');
let ssh: SshLab;
let engines: DockerEngine[] = [];
let dir: string;

beforeAll(async () => {
  ensureLabUser();
  dir = labDir('stack-audit');
  ssh = await startSshLab({
    hosts: [
      { name: 'master', address: '127.0.0.81' },
      { name: 'lady', address: '127.0.0.82' },
    ],
    record: true,
    prefix: 'stack-audit',
  });
  engines = await Promise.all(
    [
      { name: 'master', bridge: 'br-rse1', octet: 241 },
      { name: 'lady', bridge: 'br-rse2', octet: 242 },
    ].map((e) => startEngine({ ...e, dir, extraArgs: [`--group=${LAB_USER}`] })),
  );
  for (const engine of engines) {
    for (const d of [dir, dirname(engine.socket)]) chmodSync(d, 0o755);
    await importImage(engine);
  }
  const [master, lady] = engines;
  await master.docker([
    'run',
    '-d',
    '--name',
    'proxy',
    '--restart',
    'always',
    '--memory',
    '32m',
    '-p',
    '0.0.0.0:443:8080',
    LAB_IMAGE,
  ]);
  await master.docker([
    'run',
    '-d',
    '--name',
    'app',
    '--restart',
    'always',
    '--memory',
    '32m',
    '-p',
    '127.0.0.1:8081:8080',
    LAB_IMAGE,
  ]);
  await lady.docker(['run', '-d', '--name', 'db-admin', '-p', '0.0.0.0:8088:8080', LAB_IMAGE]);
}, 240_000);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.stop()));
  await ssh?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function writePolicy(): string {
  const policy = join(dir, 'policy');
  mkdirSync(policy, { recursive: true });
  const hosts = ssh.entries().map((h, i) => ({ ...h, docker: { viaSsh: true, socket: engines[i].socket } }));
  writeFileSync(
    join(policy, 'policy.yaml'),
    `extends: [docker-host]
inventory:
  hosts: ${JSON.stringify(hosts)}
rubric:
  coverage: { maxInconclusive: 0.6 }
controls:
  - id: REL-DISK-001
    title: "Disks are below 99% full"
    category: reliability
    severity: high
    check: host.disk
    params: { maxPercent: 99 }
  - id: SEC-FILE-001
    title: "passwd is not writable by others"
    category: security
    severity: high
    check: host.file-mode
    params: { path: /etc/passwd, maxMode: "644" }
`,
  );
  return policy;
}

function audit(policy: string, reports: string) {
  const run = spawnSync('npm', ['test', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      READYSPEC_POLICY: policy,
      READYSPEC_REPORTS: reports,
      READYSPEC_TIMEOUT_MS: '4000',
    },
  });
  const day = readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))!;
  const results = JSON.parse(readFileSync(join(reports, day, 'results.json'), 'utf8'));
  const row = (id: string, target: string) =>
    results.controls.find((c: { id: string; target: string }) => c.id === id && c.target === target);
  return { run, day, results, row };
}

describe('two-host Docker stack over SSH, through npm test', () => {
  it('grades both hosts, then completes with errors for a dead host and the rest graded', async () => {
    const policy = writePolicy();
    const reports = join(dir, 'reports');

    const first = audit(policy, reports);
    expect(first.run.stdout + first.run.stderr).toMatch(/Grade/);
    expect(first.row('SEC-CTR-002', 'master').outcome).toBe('pass'); // 443 may bind 0.0.0.0
    expect(first.row('SEC-CTR-002', 'lady').outcome).toBe('fail');
    expect(first.row('SEC-CTR-002', 'lady').message).toContain('0.0.0.0:8088');
    expect(first.row('REL-CTR-001', 'lady').outcome).toBe('fail'); // no restart policy
    expect(first.row('REL-CTR-003', 'master').outcome).toBe('pass');
    expect(first.row('SEC-FILE-001', 'lady').outcome).toBe('pass');
    // Every command on the hosts went through the recording ForceCommand: read-only templates only.
    const recorded = ssh.recorded().join('\n');
    expect(recorded).toMatch(/stat /);
    expect(recorded).not.toMatch(/\bdocker\b/); // the engines were reached by socket forwarding

    await ssh.kill('lady');
    const second = audit(policy, reports);
    expect(second.run.stdout + second.run.stderr).toMatch(/Grade/);
    for (const id of ['SEC-CTR-002', 'REL-CTR-001', 'SEC-FILE-001', 'REL-DISK-001']) {
      expect(second.row(id, 'lady').outcome, id).toBe('error');
      expect(second.row(id, 'lady').message, id).toMatch(/lady/);
    }
    expect(second.row('SEC-CTR-002', 'master').outcome).toBe('pass');
    expect(second.row('SEC-FILE-001', 'master').outcome).toBe('pass');
    const assessment = readFileSync(
      join(reports, second.day, `PRODUCTION_READY_ASSESSMENT_${second.day}.md`),
      'utf8',
    );
    expect(assessment).toMatch(/Change since the previous run/);
    expect(assessment).toMatch(/SEC-FILE-001/);
  }, 400_000);
});
