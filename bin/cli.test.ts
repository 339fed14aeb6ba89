import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogIndex } from '../checks/catalog-index.ts';
import { describeCheck } from './checks.ts';
import { starterPolicy } from './init.ts';
import { mapExit } from './run.ts';

const root = resolve(import.meta.dirname, '..');

describe('readyspec checks NAME', () => {
  it('describes http.latency from its params schema: types, limits, default, example', () => {
    const text = describeCheck('http.latency', catalogIndex.get('http.latency')!);
    expect(text).toContain('target kind: endpoint');
    expect(text).toContain('    samples: integer, ≥ 1, ≤ 100, default 5, optional');
    expect(text).toContain('    p95Ms: number, > 0, optional');
    expect(text).toContain('at least one of: p50Ms, p95Ms');
    expect(text).toContain('      params: { p50Ms: 500 }');
  });

  it('every check in the catalog has a description that names each of its params', () => {
    for (const name of catalogIndex.names()) {
      const probe = catalogIndex.get(name)!;
      const text = describeCheck(name, probe);
      for (const key of Object.keys((probe.params as { properties?: object }).properties ?? {}))
        expect(text, name).toContain(`    ${key}: `);
      expect(text).toContain(`      check: ${name}`);
    }
  });
});

describe('readyspec init', () => {
  it('writes the modeline first and the packs asked for', () => {
    const text = starterPolicy('../x/policy.editor.schema.json', ['linux-baseline', 'docker-host']);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../x/policy.editor.schema.json');
    expect(text).toContain('extends: [linux-baseline, docker-host]');
  });
});

describe('readyspec run: exit mapping', () => {
  it.each([
    [1, null, 1, 1],
    [1, null, 0, 0],
    [1, null, undefined, 3],
    [2, null, undefined, 2],
    [0, null, undefined, 0],
    [null, 'SIGKILL', undefined, 3],
    [1, null, 3, 3],
  ] as const)('child %s %s, reporter %s → %i', (code, signal, reporter, expected) => {
    expect(mapExit(code, signal, reporter)).toBe(expected);
  });
});

describe('readyspec run --watch', () => {
  it('re-runs the audit after a policy edit, then stops on SIGINT', { timeout: 120_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'readyspec-watch-'));
    const dir = join(work, 'policy');
    mkdirSync(dir);
    const file = join(dir, 'p.yaml');
    const control = (mode: string) =>
      `inventory:\n  hosts: [{ name: local, transport: local }]\ncontrols:\n  - { id: SEC-FILE-001, title: t, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "${mode}" } }\n`;
    writeFileSync(file, control('644'));
    const child = spawn(process.execPath, [join(root, 'bin/readyspec.mjs'), 'run', '--watch', dir], {
      cwd: work,
      env: { ...process.env, READYSPEC_REPORTS: join(work, 'reports'), CI: 'true' },
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 600 && (err.match(/readyspec: exit \d/g) ?? []).length < n; i++)
        await new Promise((r) => setTimeout(r, 100));
    };
    await waitFor(1);
    writeFileSync(file, control('600'));
    await waitFor(2);
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(err.match(/readyspec: exit \d/g)).toEqual(['readyspec: exit 0', 'readyspec: exit 1']);
    expect(code).toBe(0);
    const day = readFileSync(join(work, 'reports', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(day).toHaveLength(2);
  });
});
