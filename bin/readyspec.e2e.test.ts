/**
 * The command line end to end, one real audit per exit code (README, Exit codes), on the local
 * machine only: `node bin/readyspec.mjs …` exactly as `npx readyspec` runs it from the clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'readyspec-cli-'));

function readyspec(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [join(root, 'bin/readyspec.mjs'), ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, READYSPEC_NOW: '2026-11-23T12:00:00Z', CI: 'true', ...env },
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

function policy(name: string, controls: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'policy.yaml'),
    `inventory:\n  hosts:\n    - { name: local, transport: local }\ncontrols:\n${controls}`,
  );
  return dir;
}

const PASS = `  - { id: SEC-FILE-001, title: passwd not writable, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }\n`;
// Low severity: not blocking, and 1 of 8 weight points keeps the grade above 85.
const LOW_FAIL = `  - { id: SEC-FILE-002, title: passwd owner-only, category: security, severity: low, check: host.file-mode, params: { path: /etc/passwd, maxMode: "600" } }\n`;
const HIGH_FAIL = `  - { id: SEC-FILE-003, title: passwd owner-only, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "600" } }\n`;

describe('readyspec run: one real run per exit code', { timeout: 300_000 }, () => {
  it('0: ready, even with a non-blocking failure; 1 with --strict', () => {
    const dir = policy('ready', PASS + LOW_FAIL);
    const reports = join(work, 'reports-ready');
    const run = readyspec(['run', dir], { READYSPEC_REPORTS: reports });
    expect(run.out + run.err).toContain('PRODUCTION READY');
    expect(run.status, run.out + run.err).toBe(0);
    const results = JSON.parse(readFileSync(join(reports, '2026-11-23', 'results.json'), 'utf8'));
    expect(results.decision.ready).toBe(true);
    expect(readyspec(['run', dir, '--strict'], { READYSPEC_REPORTS: reports }).status).toBe(1);
  });

  it('1: not ready (a high failure)', () => {
    const run = readyspec(['run', policy('not-ready', PASS + HIGH_FAIL)], {
      READYSPEC_REPORTS: join(work, 'reports-nr'),
    });
    expect(run.out + run.err).toContain('NOT READY');
    expect(run.status).toBe(1);
  });

  it('2: an invalid policy, and a usage mistake', () => {
    const bad = policy('bad', PASS.replace('host.file-mode', 'host.file-mod'));
    const run = readyspec(['run', bad], { READYSPEC_REPORTS: join(work, 'reports-bad') });
    expect(run.status).toBe(2);
    expect(run.err).toContain('did you mean "host.file-mode"');
    expect(existsSync(join(work, 'reports-bad'))).toBe(false);
    expect(readyspec(['frobnicate']).status).toBe(2);
    expect(readyspec(['run', '--nope']).status).toBe(2);
  });

  it('3: an unwritable reports path, in one line naming it', () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, '');
    const run = readyspec(['run', policy('ok', PASS)], { READYSPEC_REPORTS: join(blocker, 'reports') });
    expect(run.status).toBe(3);
    const lines = run.err.split('\n').filter((l) => l.startsWith('readyspec: cannot write'));
    expect(lines).toEqual([
      `readyspec: cannot write the reports: ${join(blocker, 'reports')}: a parent is not a directory (ENOTDIR); set READYSPEC_REPORTS to a writable folder`,
    ]);
  });

  it('npm test follows the same table (vitest alone: a non-blocking failure in a READY run is 0)', () => {
    const run = spawnSync('npx', ['vitest', 'run', '--project', 'audit'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        READYSPEC_POLICY: policy('ready-npm', PASS + LOW_FAIL),
        READYSPEC_REPORTS: join(work, 'reports-npm'),
        READYSPEC_NOW: '2026-11-23T12:00:00Z',
      },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('vitest watch mode on the audit is refused in one line, before anything runs', () => {
    const run = spawnSync('npx', ['vitest', '--watch', '--project', 'audit'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, READYSPEC_POLICY: policy('watch', PASS), READYSPEC_REPORTS: join(work, 'r-w') },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'readyspec: the audit does not run in vitest watch mode; use `npx readyspec run --watch',
    );
    expect(existsSync(join(work, 'r-w'))).toBe(false);
  });
});
