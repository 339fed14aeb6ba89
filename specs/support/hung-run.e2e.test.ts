/**
 * A run whose targets never answer still ends, and a killed run leaves nothing behind.
 * The policy probes a silent TCP server (HTTP, a 2-minute timeout) and the local machine,
 * whose `df` is a shim that sleeps for ever (a spawned command in its own process group).
 * - READYSPEC_RUN_DEADLINE=4s: both checks are `error` "run deadline reached" and the
 *   documents are written.
 * - npm killed with SIGKILL, vitest with SIGTERM or SIGKILL while the checks hang: within a
 *   few seconds no process the run started is alive (every descendant of the npm we spawned,
 *   found by walking ppids during the run, and the shim's own sleep).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { type LabServer, startSilentServer } from '../../fixtures/lab/servers.ts';

const root = resolve(import.meta.dirname, '../..');

interface Proc {
  pid: number;
  start: string;
  cmd: string;
}

function stat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), start: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** Every live descendant of `rootPid` (ppid walk over /proc). */
function descendants(rootPid: number): Proc[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: Proc[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      const s = stat(child);
      if (!s) continue;
      const cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      out.push({ pid: child, start: s.start, cmd });
      queue.push(child);
    }
  }
  return out;
}

const alive = (p: Proc) => stat(p.pid)?.start === p.start;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let silent: LabServer;

beforeAll(async () => {
  dir = labDir('hung-run');
  silent = await startSilentServer();
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'pids'));
  // The shim records its pid, then becomes a command that never ends.
  writeFileSync(join(dir, 'bin/df'), `#!/bin/sh\necho $$ > "${dir}/pids/$$"\nexec sleep 3600\n`);
  chmodSync(join(dir, 'bin/df'), 0o755);
  writeFileSync(
    join(dir, 'policy.yaml'),
    `inventory:
  hosts: [{ name: this-machine, transport: local }]
  endpoints: [{ name: silent, url: "${silent.url}/" }]
controls:
  - { id: AVA-HTTP-001, title: Silent site answers, category: availability, severity: high, check: http.status, targets: [silent] }
  - { id: REL-DISK-001, title: Disk has room, category: reliability, severity: medium, check: host.disk, targets: [this-machine], params: { maxPercent: 95 } }
`,
  );
});

afterAll(async () => {
  await silent?.close();
});

function startRun(reports: string, extra: Record<string, string> = {}): ChildProcess {
  return spawn('npm', ['test', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      READYSPEC_POLICY: join(dir, 'policy.yaml'),
      READYSPEC_REPORTS: reports,
      READYSPEC_NOW: '2026-11-23T12:00:00Z',
      READYSPEC_TIMEOUT_MS: '120000',
      ...extra,
    },
  });
}

/** Waits until the shim is hanging, collecting every process the run started meanwhile. */
async function hangingRun(run: ChildProcess): Promise<Proc[]> {
  const seen = new Map<number, Proc>();
  const shims = () => readdirSync(join(dir, 'pids'));
  const before = new Set(shims());
  for (let i = 0; i < 300; i++) {
    for (const p of descendants(run.pid as number)) seen.set(p.pid, p);
    if (shims().some((s) => !before.has(s)) && [...seen.values()].some((p) => p.cmd.startsWith('sleep 3600')))
      break;
    await sleep(100);
  }
  await sleep(300);
  for (const p of descendants(run.pid as number)) seen.set(p.pid, p);
  return [...seen.values()];
}

async function leftAlive(procs: Proc[]): Promise<Proc[]> {
  for (let i = 0; i < 80; i++) {
    if (!procs.some(alive)) return [];
    await sleep(100);
  }
  return procs.filter(alive);
}

describe('a run whose checks hang', () => {
  it('ends at READYSPEC_RUN_DEADLINE with both checks error and its documents written', async () => {
    const reports = labDir('hung-run-reports');
    const run = startRun(reports, { READYSPEC_RUN_DEADLINE: '4s' });
    let out = '';
    run.stdout?.on('data', (d) => {
      out += d;
    });
    run.stderr?.on('data', (d) => {
      out += d;
    });
    const started = performance.now();
    const code = await new Promise<number | null>((done) => run.on('close', done));
    expect(performance.now() - started).toBeLessThan(40_000);
    expect(code, out).toBe(1);
    const results = JSON.parse(readFileSync(join(reports, '2026-11-23/results.json'), 'utf8'));
    const rows = results.controls as { id: string; outcome: string; message: string }[];
    expect(rows.map((r) => [r.id, r.outcome, r.message.slice(0, 21)]).sort()).toEqual([
      ['AVA-HTTP-001', 'error', 'run deadline reached:'],
      ['REL-DISK-001', 'error', 'run deadline reached:'],
    ]);
    expect(existsSync(join(reports, '2026-11-23/PRODUCTION_READY_ASSESSMENT_2026-11-23.md'))).toBe(true);
  });

  it.each([
    ['npm', 'SIGKILL'],
    ['vitest', 'SIGTERM'],
    ['vitest', 'SIGKILL'],
  ] as const)('killed (%s, %s) mid-run, leaves no process behind', async (which, signal) => {
    const run = startRun(labDir('hung-run-killed'));
    run.stdout?.resume();
    run.stderr?.resume();
    const procs = await hangingRun(run);
    const vitest = procs.find((p) => /vitest(\.mjs)? run/.test(p.cmd));
    expect(vitest, procs.map((p) => p.cmd).join('\n')).toBeDefined();
    expect(procs.some((p) => p.cmd.startsWith('sleep 3600'))).toBe(true);
    process.kill(which === 'npm' ? (run.pid as number) : (vitest as Proc).pid, signal);
    const left = await leftAlive(procs);
    for (const p of left) process.kill(p.pid, 'SIGKILL');
    expect(left.map((p) => p.cmd)).toEqual([]);
  });
});
