import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { workerBundle } from './http-sampler-bundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'readyspec-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('latency worker bundle cache', () => {
  // A copy of a real module beside the test's cache: editing it must not touch the source tree.
  const source = join(dir, 'entry.ts');
  copyFileSync(fileURLToPath(new URL('./http-sampling.ts', import.meta.url)), source);
  const cacheDir = join(dir, 'cache');

  it('bundles once and serves the stored bundle while every input is unchanged', async () => {
    const first = await workerBundle(source, cacheDir);
    const stored = JSON.parse(readFileSync(join(cacheDir, 'latency-worker.json'), 'utf8'));
    expect(stored.text).toBe(first);
    expect(Object.keys(stored.inputs)).toContain(source);
    expect(await workerBundle(source, cacheDir)).toBe(first);
  });

  it('rebuilds when an input changed since the bundle was stored', async () => {
    const before = JSON.parse(readFileSync(join(cacheDir, 'latency-worker.json'), 'utf8'));
    const later = new Date(Date.now() + 5000);
    utimesSync(source, later, later);
    await workerBundle(source, cacheDir);
    const after = JSON.parse(readFileSync(join(cacheDir, 'latency-worker.json'), 'utf8'));
    expect(after.inputs[source]).not.toBe(before.inputs[source]);
  });
});
