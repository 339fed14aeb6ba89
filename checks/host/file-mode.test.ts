import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { LocalTransport } from '../transport/local.ts';
import { fileMode } from './file-mode.ts';

const local = new LocalTransport('local', { timeoutMs: 5000 });
const dir = labDir('file-mode');
for (const [name, mode] of [
  ['secret.env', 0o600],
  ['shared.env', 0o640],
  ['open.env', 0o644],
  ['setuid', 0o4750],
] as const) {
  writeFileSync(join(dir, name), 'TOKEN=x');
  chmodSync(join(dir, name), mode);
}

describe('host.file-mode', () => {
  it.each([
    [{ path: `${dir}/secret.env`, maxMode: '640' }, 'pass', ''],
    [{ path: `${dir}/shared.env`, maxMode: '640', owner: 'root', group: 'root' }, 'pass', ''],
    [{ path: `${dir}/open.env`, maxMode: '640' }, 'fail', 'grants 004 beyond 640'],
    [{ path: `${dir}/setuid`, maxMode: '750' }, 'fail', 'grants 4000'],
    [{ path: `${dir}/secret.env`, maxMode: '600', owner: 'nobody' }, 'fail', 'owner root, expected nobody'],
    [{ path: `${dir}/missing.env`, maxMode: '600' }, 'fail', 'does not exist'],
  ])('%j → %s', async (params, outcome, message) => {
    const r = await fileMode(local, params);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toContain(message);
  });
});
