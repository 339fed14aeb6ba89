/** Secret references at load: read and registered wherever they sit, or refused with where and why. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogIndex } from '../checks/catalog-index.ts';
import { readSecret } from '../checks/context.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';
import { forgetSecrets, secretForms } from './secrets.ts';

const saved = { ...process.env };
let dir: string;

beforeEach(() => {
  forgetSecrets();
  dir = mkdtempSync(join(tmpdir(), 'readyspec-secret-refs-'));
});
afterEach(() => {
  process.env = { ...saved };
  forgetSecrets();
});

const inventory = (token: string, header: string) => `inventory:
  endpoints:
    - { name: api, url: "http://127.0.0.1:9/", headers: { X-Api-Key: ${header} } }
  monitoring:
    - { name: prom, kind: prometheus, url: "http://127.0.0.1:9/", token: ${token} }
`;
const controls = (token: string) => `controls:
  - id: BAK-API-001
    title: Snapshots listed
    category: backup-dr
    severity: high
    check: http.json
    targets: [api]
    params: { token: ${token}, expect: [{ path: snapshots, min: 1 }] }
`;

function write(inv: string, ctl: string): string {
  writeFileSync(join(dir, 'inventory.yaml'), inv);
  writeFileSync(join(dir, 'controls.yaml'), ctl);
  return dir;
}

async function problems(source: string): Promise<string> {
  try {
    await loadPolicy(source, { registry: catalogIndex, today: '2026-11-23' });
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as PolicyError).message;
  }
  throw new Error('the policy loaded');
}

describe('secret references at load', () => {
  it('reads every reference (inventory header and token, control params) and registers it with its forms', async () => {
    process.env.RS_T_PROM = 'prom-token-abcdef123';
    process.env.RS_T_API = 'api-params-token-9876';
    writeFileSync(join(dir, 'key'), 'header-key-from-file\n');
    const source = write(inventory('{ env: RS_T_PROM }', '{ file: key }'), controls('{ env: RS_T_API }'));
    const policy = await loadPolicy(source, { registry: catalogIndex, today: '2026-11-23' });
    const forms = secretForms();
    for (const s of ['prom-token-abcdef123', 'api-params-token-9876', 'header-key-from-file']) {
      expect(forms).toContain(s);
      expect(forms).toContain(Buffer.from(s).toString('base64'));
      expect(forms).toContain(encodeURIComponent(s));
    }
    // The run sends what was registered at load, even if the variable changes afterwards.
    process.env.RS_T_PROM = 'changed-after-load-000';
    expect(readSecret({ env: 'RS_T_PROM' }, policy.baseDir)).toBe('prom-token-abcdef123');
  });

  it.each([
    [
      'an unset variable',
      '{ env: RS_T_UNSET }',
      /controls\.yaml \/controls\/0\/params\/token: environment variable RS_T_UNSET is not set/,
    ],
    [
      'an empty variable',
      '{ env: RS_T_EMPTY }',
      /\/controls\/0\/params\/token: environment variable RS_T_EMPTY is empty/,
    ],
    [
      'a missing file',
      '{ file: nope.txt }',
      /\/controls\/0\/params\/token: secret file \S+nope\.txt cannot be read: no such file/,
    ],
    ['an empty file', '{ file: empty.txt }', /secret file \S+empty\.txt is empty/],
    ['a directory', '{ file: adir }', /secret file \S+adir is not a regular file/],
    ['a FIFO (never blocks)', '{ file: fifo }', /secret file \S+fifo is not a regular file/],
  ])('%s is a validation error naming the file, JSON path and reference', async (_n, ref, expected) => {
    process.env.RS_T_EMPTY = '';
    process.env.RS_T_PROM = 'prom-token-abcdef123';
    writeFileSync(join(dir, 'empty.txt'), '\n  \n');
    mkdirSync(join(dir, 'adir'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const source = write(inventory('{ env: RS_T_PROM }', '"literal"'), controls(ref));
    expect(await problems(source)).toMatch(expected);
  });

  it('names an inventory reference by its own file and path', async () => {
    process.env.RS_T_API = 'api-params-token-9876';
    const source = write(inventory('{ env: RS_T_NOPE }', '"literal"'), controls('{ env: RS_T_API }'));
    expect(await problems(source)).toMatch(
      /inventory\.yaml \/inventory\/monitoring\/0\/token: environment variable RS_T_NOPE is not set/,
    );
  });

  it('refuses a secret shorter than 8 characters without quoting it', async () => {
    process.env.RS_T_SHORT = 'x9Q';
    process.env.RS_T_API = 'api-params-token-9876';
    const source = write(inventory('{ env: RS_T_SHORT }', '"literal"'), controls('{ env: RS_T_API }'));
    const message = await problems(source);
    expect(message).toMatch(/environment variable RS_T_SHORT holds 3 characters: a secret shorter than 8/);
    expect(message).not.toContain('x9Q');
  });

  it('optional mode (a shape check) skips what cannot be read and still registers what can', async () => {
    process.env.RS_T_API = 'api-params-token-9876';
    const source = write(inventory('{ env: RS_T_UNSET }', '"literal"'), controls('{ env: RS_T_API }'));
    await loadPolicy(source, { registry: catalogIndex, today: '2026-11-23', secrets: 'optional' });
    expect(secretForms()).toContain('api-params-token-9876');
  });

  it('registers credentials written in URLs of the policy (user:password@) with the basic-auth pair', async () => {
    process.env.RS_T_PROM = 'prom-token-abcdef123';
    process.env.RS_T_API = 'api-params-token-9876';
    const inv = inventory('{ env: RS_T_PROM }', '"literal"').replace(
      'http://127.0.0.1:9/"',
      'http://auditor:url-pass%2Fword@127.0.0.1:9/"',
    );
    await loadPolicy(write(inv, controls('{ env: RS_T_API }')), {
      registry: catalogIndex,
      today: '2026-11-23',
    });
    const forms = secretForms();
    expect(forms).toContain('url-pass/word');
    expect(forms).toContain(Buffer.from('auditor:url-pass/word').toString('base64'));
  });
});
