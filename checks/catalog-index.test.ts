import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../policies/types.ts';
import { catalog } from './catalog.ts';
import { indexFile, renderIndex, renderValidators, validatorsFile } from './catalog-build.ts';
import { catalogIndex } from './catalog-index.ts';

describe('catalog-index.json', () => {
  it('is current with the probe areas (run npm run build:catalog)', async () => {
    expect(readFileSync(indexFile, 'utf8')).toBe(await renderIndex());
  });

  it("params-validators.js is current with the probes' params schemas (run npm run build:catalog)", async () => {
    expect(readFileSync(validatorsFile, 'utf8')).toBe(await renderValidators());
  });

  it('precompiled params validators report what ajv would', async () => {
    const { default: validators } = await import('./params-validators.js');
    expect(Object.keys(validators).sort()).toEqual(catalog.names().sort());
    const { Ajv } = await import('ajv');
    const { VALIDATOR_OPTIONS } = await import('../policies/schema/validator-options.ts');
    const ajv = new Ajv({ ...VALIDATOR_OPTIONS });
    const bad = { path: 42, maxMode: '999', surprise: true };
    const precompiled = validators['host.file-mode']!;
    const compiled = ajv.compile(catalog.get('host.file-mode')!.params);
    expect(precompiled(bad)).toBe(false);
    expect(compiled(bad)).toBe(false);
    const shape = (errors: unknown) =>
      (errors as { instancePath: string; keyword: string }[]).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(shape(precompiled.errors)).toEqual(shape(compiled.errors));
  });

  it('names exactly the probes of the full catalog, with the same metadata', () => {
    expect(catalogIndex.names()).toEqual(catalog.names());
    for (const name of catalog.names()) {
      const full = catalog.get(name)!;
      const light = catalogIndex.get(name)!;
      expect({ ...light, run: undefined }).toMatchObject({
        name,
        summary: full.summary,
        target: full.target,
        params: full.params,
      });
    }
  });

  it('runs a probe by loading its area on first use', async () => {
    const probe = catalogIndex.get('host.file-mode')!;
    const { RunContext } = await import('../specs/support/run-context.ts');
    const { defaultRubric } = await import('../policies/default-rubric.ts');
    const host = { name: 'local', transport: 'local' as const };
    const policy = {
      name: 't',
      baseDir: '/',
      files: [],
      rubric: defaultRubric,
      controls: [],
      waivers: [],
      warnings: [],
      inventory: { ...emptyInventory(), hosts: [host] },
    };
    const ctx = new RunContext(
      policy,
      { timeoutMs: 5000, active: false, now: new Date(), reportsDir: '/tmp', concurrency: 4 },
      catalogIndex,
    );
    const result = await probe.run(ctx, host, { path: '/etc/passwd', maxMode: '644' });
    expect(result.outcome).toBe('pass');
    await ctx.close();
  });
});
