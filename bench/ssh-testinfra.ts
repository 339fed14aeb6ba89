/**
 * Testinfra doing the same checks: one parametrised pytest test per check and host, running
 * the same command through `host.run` and judging its output the same way.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCheck } from './ssh-checks.ts';

const TEST = `
import json, os, time, pytest
CHECKS = json.load(open(os.path.join(os.path.dirname(__file__), 'checks.json')))

@pytest.mark.parametrize('check', CHECKS, ids=[str(i) for i in range(len(CHECKS))])
def test_check(host, check):
    r = host.run(check['script'])
    assert r.rc == 0, r.stderr
    out, kind, limit = r.stdout, check['kind'], check['limit']
    if kind == 'mode':
        assert int(out.split()[0], 8) & ~limit & 0o7777 == 0
    elif kind == 'df':
        f = out.splitlines()[1].split()
        used, avail = int(f[2]), int(f[3])
        assert 100 * used / max(used + avail, 1) <= limit
    elif kind == 'mem':
        info = {l.split(':')[0]: int(l.split()[1]) for l in out.splitlines() if l.split()}
        assert 100 * (info['MemTotal'] - info['MemAvailable']) / info['MemTotal'] <= limit
    elif kind == 'age':
        newest = max(float(l.split('\\t')[0]) for l in out.splitlines())
        assert (time.time() - newest) / 3600 <= limit
`;

export interface TestinfraRun {
  wallMs: number;
  passed: number;
  failed: number;
  status: number | null;
  note: string;
}

/** Runs pytest with `hosts` (ssh:// or paramiko:// URLs); bounded by `timeoutMs`. */
export function runTestinfra(
  dir: string,
  checks: BenchCheck[],
  hosts: string[],
  extra: string[],
  timeoutMs: number,
): TestinfraRun {
  writeFileSync(
    join(dir, 'checks.json'),
    JSON.stringify(checks.map((c) => ({ script: c.script, kind: c.kind, limit: c.limit }))),
  );
  writeFileSync(join(dir, 'test_bench.py'), TEST);
  const started = performance.now();
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-m',
      'pytest',
      '-q',
      '-p',
      'no:cacheprovider',
      `--hosts=${hosts.join(',')}`,
      ...extra,
      join(dir, 'test_bench.py'),
    ],
    { cwd: dir, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const tail = `${r.stdout ?? ''}`.trim().split('\n').slice(-1)[0] ?? '';
  const num = (re: RegExp) => Number(re.exec(tail)?.[1] ?? 0);
  return {
    wallMs,
    passed: num(/(\d+) passed/),
    failed: num(/(\d+) failed/) + num(/(\d+) error/),
    status: r.status,
    note: r.error ? `stopped after ${timeoutMs} ms` : tail,
  };
}

/** Whether Debian's python3 (the one with python3-testinfra) can import `module`. */
export function hasPython(module: string): boolean {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`]).status === 0;
}

export function hasXdist(): boolean {
  return hasPython('xdist');
}

/** Testinfra's pytest plugin importable by Debian's python3 (python3-testinfra)? */
export function hasTestinfra(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import testinfra, pytest']).status === 0;
}
