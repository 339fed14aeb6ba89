/**
 * Listing the TypeScript controls of a directory: every defineControl() of its spec files, with
 * the file that defines it, without registering a test or running a check; a file that cannot
 * be read is named.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';
import { customControlsIn } from './custom-catalog.ts';

const support = resolve(import.meta.dirname);

describe('customControlsIn', () => {
  it('lists the shipped example', async () => {
    expect(await customControlsIn()).toContainEqual(
      expect.objectContaining({
        id: 'REL-NODE-001',
        category: 'reliability',
        file: 'specs/custom/node-runtime.spec.ts',
      }),
    );
  });

  it('lists every control of every spec file, nested ones too, running no check', async () => {
    const dir = labDir('custom-catalog');
    mkdirSync(join(dir, 'team'));
    const head = `import { test } from 'vitest';\nimport { defineControl } from '${join(support, 'custom-control.ts')}';\n`;
    writeFileSync(
      join(dir, 'a.spec.ts'),
      `${head}const base = { category: 'security', severity: 'high' as const, target: 'runner' };
defineControl({ ...base, id: 'SEC-AAA-001', title: 'one' }, async () => { throw new Error('ran'); });
defineControl({ ...base, id: 'SEC-AAA-002', title: 'two' }, async () => (await import('./never-loaded.ts')).x);
test('a plain test beside them', () => { throw new Error('ran'); });
`,
    );
    writeFileSync(
      join(dir, 'team', 'b.spec.ts'),
      `${head}defineControl({ id: 'REL-BBB-001', title: 'three', category: 'reliability', severity: 'low', target: 'x' }, async () => { throw new Error('ran'); });\n`,
    );
    writeFileSync(join(dir, 'helper.ts'), 'throw new Error("not a spec file");\n');
    const found = await customControlsIn(dir);
    expect(found.map((c) => [c.id, c.title, c.file.slice(dir.length + 1)])).toEqual([
      ['SEC-AAA-001', 'one', 'a.spec.ts'],
      ['SEC-AAA-002', 'two', 'a.spec.ts'],
      ['REL-BBB-001', 'three', 'team/b.spec.ts'],
    ]);
  });

  it('names a file that does not parse, and one that throws on import', async () => {
    const broken = labDir('custom-catalog-broken');
    writeFileSync(join(broken, 'x.spec.ts'), 'defineControl({ id: \n');
    await expect(customControlsIn(broken)).rejects.toThrow(
      /x\.spec\.ts: could not be read to list its controls: /,
    );
    const throwing = labDir('custom-catalog-throwing');
    writeFileSync(join(throwing, 'y.spec.ts'), 'throw new Error("boom at import");\n');
    await expect(customControlsIn(throwing)).rejects.toThrow(
      /y\.spec\.ts: could not be loaded to list its controls: boom at import/,
    );
  });

  it('is empty for a directory without spec files', async () => {
    expect(await customControlsIn(labDir('custom-catalog-empty'))).toEqual([]);
  });
});
