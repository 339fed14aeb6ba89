import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { auditEntries } from './prebuilt.ts';

const root = resolve(import.meta.dirname, '../..');

describe('prebuilt audit modules', () => {
  it('builds once, reuses a fresh build, and rebuilds when an input changed', async () => {
    const cache = labDir('prebuilt');
    const first = await auditEntries(root, cache, {});
    expect(first.globalSetup.startsWith(cache)).toBe(true);
    expect(Object.keys(first.workerModules).sort()).toEqual([
      join(root, 'specs/support/custom-control.ts'),
      join(root, 'specs/support/define-category.ts'),
    ]);

    const manifestFile = join(cache, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    // Every module esbuild read is stamped, including lazily loaded probe areas.
    expect(Object.keys(manifest.inputs)).toEqual(
      expect.arrayContaining([
        'specs/support/global-setup.ts',
        'checks/catalog-index.ts',
        'checks/http/probes.ts',
        'reporters/assessment.ts',
      ]),
    );

    const again = await auditEntries(root, cache, {});
    expect(again).toEqual(first);

    // An input whose size or mtime no longer matches means a new build in a new folder.
    manifest.inputs['checks/catalog-index.ts'] = '1:1';
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const rebuilt = await auditEntries(root, cache, {});
    expect(dirname(rebuilt.globalSetup)).not.toBe(dirname(first.globalSetup));
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).inputs['checks/catalog-index.ts']).not.toBe('1:1');
  });

  it('prebuilt modules load natively and keep finding files next to their sources', async () => {
    const cache = labDir('prebuilt-load');
    const entries = await auditEntries(root, cache, {});
    const reporter = await import(pathToFileURL(entries.reporter).href);
    expect(typeof reporter.default).toBe('function');
    const setup = await import(pathToFileURL(entries.globalSetup).href);
    expect(typeof setup.default).toBe('function');
    expect(entries.runner.startsWith(cache)).toBe(true);
    const runner = await import(pathToFileURL(entries.runner).href);
    expect(typeof runner.default).toBe('function');
    // import.meta.url in a bundled module still names its source file (packs, default policy).
    const dir = dirname(entries.globalSetup);
    const built = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(built).not.toContain('import.meta.url');
    expect(built).toContain(JSON.stringify(pathToFileURL(join(root, 'policies/load.ts')).href));
  });

  it('READYSPEC_SOURCE=1 loads the TypeScript sources instead', async () => {
    const entries = await auditEntries(root, labDir('prebuilt-src'), { READYSPEC_SOURCE: '1' });
    expect(entries.globalSetup).toBe(join(root, 'specs/support/global-setup.ts'));
    expect(entries.reporter).toBe(join(root, 'reporters/grade-reporter.ts'));
    expect(entries.runner).toBe(join(root, 'specs/support/audit-runner.ts'));
    expect(entries.workerModules[join(root, 'specs/support/define-category.ts')]).toBe(
      join(root, 'specs/support/define-category.ts'),
    );
  });
});
