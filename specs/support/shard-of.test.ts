import { describe, expect, it } from 'vitest';
import { inShard } from './shard-of.ts';
import { shardFromArgv, specCategory, specShard } from './shard-specs.ts';

describe('inShard', () => {
  const pairs = Array.from({ length: 4000 }, (_, i) => ['AVL-SITE-001', `site-${i}`] as const);

  it('puts every pair in exactly one of n shards, each shard a fair share', () => {
    for (const count of [2, 3, 4, 7]) {
      const sizes = Array.from(
        { length: count },
        (_, k) => pairs.filter(([c, t]) => inShard(c, t, { index: k + 1, count })).length,
      );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(pairs.length);
      for (const size of sizes) expect(size).toBeGreaterThan((pairs.length / count) * 0.85);
    }
  });

  it('does not move a pair when the inventory is reordered or grows', () => {
    const where = (t: string) => [1, 2, 3].find((index) => inShard('AVL-SITE-001', t, { index, count: 3 }));
    const before = pairs.map(([, t]) => where(t));
    const after = [...pairs]
      .reverse()
      .map(([, t]) => where(t))
      .reverse();
    expect(after).toEqual(before);
  });

  it('a whole run (no shard, or 1/1) keeps every pair', () => {
    expect(inShard('X', 'y', undefined)).toBe(true);
    expect(inShard('X', 'y', { index: 1, count: 1 })).toBe(true);
  });
});

describe('shard spec files', () => {
  it.each([
    [['vitest', 'run', '--shard=2/4'], { index: 2, count: 4 }],
    [['vitest', 'run', '--shard', '3/5'], { index: 3, count: 5 }],
    [['vitest', 'run'], undefined],
  ])('%j → %j', (argv, shard) => expect(shardFromArgv(argv)).toEqual(shard));

  it('names the category and shard of a copy, and the category of an ordinary file', () => {
    expect(specCategory('/x/specs/.shards/n4/backup-dr.shard-3.spec.ts')).toBe('backup-dr');
    expect(specShard('/x/specs/.shards/n4/backup-dr.shard-3.spec.ts')).toBe(3);
    expect(specCategory('/x/specs/security.spec.ts')).toBe('security');
    expect(specShard('/x/specs/security.spec.ts')).toBeUndefined();
  });
});
