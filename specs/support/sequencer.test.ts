import { afterEach, describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import { rememberCategoryOrder } from './category-order.ts';
import { AuditSequencer } from './sequencer.ts';

const ctx = {
  config: { root: '/r' },
  cache: { getFileTestResults: () => undefined, getFileStats: () => undefined },
};

function spec(project: string, moduleId: string): TestSpecification {
  return {
    project: { name: project, config: { sequence: { groupOrder: 0 }, isolate: project === 'self' } },
    moduleId,
  } as unknown as TestSpecification;
}

const ids = (specs: TestSpecification[]) => specs.map((s) => `${s.project.name}:${s.moduleId}`);

/** The order the sequencer gives `specs` after the engine planned `order` (none: not planned). */
async function sorted(order: string[] | undefined, specs: TestSpecification[]): Promise<string[]> {
  if (order) rememberCategoryOrder(order);
  return ids(await new AuditSequencer(ctx as never).sort(specs));
}

afterEach(() => rememberCategoryOrder(undefined as unknown as string[]));

describe('AuditSequencer', () => {
  const files = [
    spec('audit', '/r/specs/availability.spec.ts'),
    spec('audit', '/r/specs/security.spec.ts'),
    spec('audit', '/r/specs/custom/node-runtime.spec.ts'),
    spec('audit', '/r/specs/backup-dr.spec.ts'),
  ];

  it("runs category files in the engine's order (smallest first), other files before them", async () => {
    expect(await sorted(['backup-dr', 'security', 'availability'], files)).toEqual([
      'audit:/r/specs/custom/node-runtime.spec.ts',
      'audit:/r/specs/backup-dr.spec.ts',
      'audit:/r/specs/security.spec.ts',
      'audit:/r/specs/availability.spec.ts',
    ]);
  });

  it("keeps vitest's order when the engine planned nothing (a shard, or a self run)", async () => {
    expect(await sorted(undefined, files)).toEqual(ids(files));
  });

  it('leaves the files of other projects where vitest put them', async () => {
    const mixed = [spec('self', '/r/a.test.ts'), ...files.slice(0, 2), spec('self', '/r/b.test.ts')];
    // vitest groups projects by name (audit before self); within audit, the engine's order.
    expect(await sorted(['security', 'availability'], mixed)).toEqual([
      'audit:/r/specs/security.spec.ts',
      'audit:/r/specs/availability.spec.ts',
      'self:/r/a.test.ts',
      'self:/r/b.test.ts',
    ]);
  });
});
