/**
 * The bad-input catalogue (issue 10): every class of hostile or mistaken input seen so far, as
 * a table. Each case is a policy written to a temp dir (and, for some, READYSPEC_* variables);
 * `readyspec validate` runs in this process (its real command function, stderr captured), a few
 * through bin/readyspec.mjs (`validate` and `run`), and each gives the expected exit code, the
 * expected message head, no stack trace, and leaves a seeded reports folder exactly as it was.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { policyCommand } from '../bin/policy-command.ts';
import { badInputCases, type Case } from './bad-input-cases.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'readyspec.mjs');
let reports: string;
let before: string[];

/** Every file under the reports folder with its size and digest: what "untouched" compares. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      if (!s.isFile()) return `${f}/`;
      const digest = createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex');
      return `${f} ${s.size} ${s.mtimeMs} ${digest}`;
    });
}

function policyDir(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-catalogue-'));
  if (c.fifo) execFileSync('mkfifo', [join(dir, c.fifo)]);
  if (c.device) symlinkSync(c.device, join(dir, 'zero.yaml'));
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
  return dir;
}

async function validateInProcess(dir: string, env: Record<string, string>) {
  let err = '';
  let out = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  for (const [k, v] of Object.entries({ READYSPEC_REPORTS: reports, ...env })) vi.stubEnv(k, v);
  try {
    const code = await policyCommand('validate', [dir]);
    return { code, text: `${out}${err}` };
  } finally {
    e.mockRestore();
    o.mockRestore();
    vi.unstubAllEnvs();
  }
}

function viaBin(command: 'validate' | 'run', dir: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, command, dir], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, READYSPEC_SOURCE: '', READYSPEC_REPORTS: reports, CI: '1', ...env },
  });
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  reports = mkdtempSync(join(tmpdir(), 'readyspec-catalogue-reports-'));
  mkdirSync(join(reports, '2026-12-01'));
  writeFileSync(join(reports, '2026-12-01', 'PRODUCTION_READY_ASSESSMENT_2026-12-01.md'), '# kept\n');
  writeFileSync(join(reports, 'history.jsonl'), '{"kept":true}\n');
  before = snapshot(reports);
});

afterAll(() => {
  const refused = badInputCases.filter((c) => c.exit === 2).length;
  // The figures the closing note asks for.
  process.stdout.write(
    `bad-input catalogue: ${badInputCases.length} cases, ${refused} refused, ${badInputCases.length - refused} graded\n`,
  );
});

describe('bad-input catalogue', () => {
  it.each(badInputCases.map((c) => [c.name, c] as const))('%s', { timeout: 60_000 }, async (_name, c) => {
    const dir = c.source ?? policyDir(c);
    const started = performance.now();
    const { code, text } = c.via
      ? viaBin(c.via, dir, c.env ?? {})
      : await validateInProcess(dir, c.env ?? {});
    expect(text).toMatch(c.head);
    expect(code, text).toBe(c.exit);
    // A user's mistake is a plain message: no stack frame, no vitest banner, no raw control character.
    expect(text).not.toMatch(/\n\s+at \S+|internal error|⎯⎯/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(performance.now() - started).toBeLessThan(c.via ? 60_000 : 5_000);
    expect(snapshot(reports)).toEqual(before);
  });
});
