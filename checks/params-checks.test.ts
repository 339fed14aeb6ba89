/**
 * The audit validates policies from catalog-index.json, taking each probe's own params check
 * from checks/params-checks.ts: it must be the very function the probe's definition declares.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from './catalog.ts';
import { catalogIndex } from './catalog-index.ts';
import { paramsChecks } from './params-checks.ts';

describe('probes’ own params checks', () => {
  it('are listed for the lazy catalog exactly as the definitions declare them', () => {
    for (const name of catalog.names()) {
      expect(paramsChecks[name], name).toBe(catalog.get(name)?.validateParams);
      expect(catalogIndex.get(name)?.validateParams, name).toBe(catalog.get(name)?.validateParams);
    }
  });

  it('name only registered probes', () => {
    expect(Object.keys(paramsChecks).filter((n) => !catalog.get(n))).toEqual([]);
  });
});
