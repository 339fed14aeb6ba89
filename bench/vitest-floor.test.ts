import { afterAll, describe, expect, it } from 'vitest';
import { bareVitest, floorNote, removeBareProject } from './vitest-floor.ts';

describe("vitest's floor (bench/vitest-floor.ts)", () => {
  afterAll(removeBareProject);

  it('measures a real bare vitest run: its global setup is reached inside the run', () => {
    const run = bareVitest();
    expect(run.setupAtMs).toBeGreaterThan(0);
    expect(run.setupAtMs).toBeLessThan(run.wallMs);
  }, 60_000);

  it('states the least ratio as (setup moment + work) / work', () => {
    expect(floorNote(600, 400)).toBe(
      'floor 2.50× (bare vitest reaches its global setup at 0.60 s, + 0.40 s)',
    );
    expect(floorNote(500, 3650)).toMatch(/^floor 1\.14× /);
  });
});
