/**
 * Which shard probes a control × target: a hash of the control id and the target's name, so
 * the split is deterministic, spreads every category over all shards, and does not move when
 * the inventory is reordered. A collection check's subjects stay with their control × target.
 */
import type { Shard } from './shard-specs.ts';

/** FNV-1a, 32 bits: stable across runs and machines, cheap at 50,000 pairs. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** True when the pair falls to `shard` (1-based index, as vitest numbers shards). */
export function inShard(control: string, target: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count <= 1) return true;
  return (fnv1a(`${control}\u0000${target}`) % shard.count) + 1 === shard.index;
}
