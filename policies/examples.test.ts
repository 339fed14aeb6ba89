/** Every shipped policy (default, examples, test fixtures) loads with the real catalog; their secret references name variables and files of the user's machine, so they are not read here. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, loadPolicy } from './load.ts';

const here = import.meta.dirname;
const shipped = [
  DEFAULT_POLICY,
  ...readdirSync(join(here, 'examples')).map((d) => join(here, 'examples', d)),
  join(here, '../fixtures/policies/local-basic'),
];

describe('shipped policies', () => {
  it.each(shipped)('%s is valid', async (dir) => {
    // An example that reads inventory sources ships their resolved inventory (no network here).
    const resolved = join(dir, 'inventory.json');
    if (existsSync(resolved)) process.env.READYSPEC_INVENTORY = resolved;
    const policy = await loadPolicy(dir, { today: '2026-11-23', secrets: 'optional' }).finally(() => {
      delete process.env.READYSPEC_INVENTORY;
    });
    expect(policy.controls.length).toBeGreaterThan(0);
    expect(policy.warnings).toEqual([]);
  });

  it('the docker-stack example pulls every pack it names and patches their controls', async () => {
    const policy = await loadPolicy(join(here, 'examples/docker-stack'), {
      today: '2026-11-23',
      secrets: 'optional',
    });
    const byId = new Map(policy.controls.map((c) => [c.id, c]));
    expect(byId.get('AVA-CTR-001')).toMatchObject({ check: 'docker.containers', params: { min: 25 } });
    expect(byId.get('SEC-CTR-002')?.severity).toBe('critical');
    expect(byId.has('MON-PROM-004')).toBe(true);
  });
});
