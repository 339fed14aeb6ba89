/**
 * vitest's sequencer, except that the audit's category spec files (specs/<category>.spec.ts)
 * run in the order the engine probes the categories (category-order.ts), smallest first:
 * a category's tests wait for its results, so a small category run before a large one is done
 * while the large one still probes. Every other file keeps vitest's order and position.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { AUDIT_PROJECT } from '../../reporters/audit-project.ts';
import { categoryOrder } from './category-order.ts';
import { specCategory, specShard } from './shard-specs.ts';

export class AuditSequencer extends BaseSequencer {
  /**
   * A sharded audit has a copy of every category file per shard (shard-specs.ts): shard i
   * keeps its own copies, all of them; other projects' files are sharded as vitest does.
   */
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const audit = files.filter((f) => f.project.name === AUDIT_PROJECT);
    const others = files.filter((f) => f.project.name !== AUDIT_PROJECT);
    const index = this.ctx.config.shard?.index;
    // Files that are no shard's copy (controls written in TypeScript) run in the first shard
    // only: in every shard, the merged run would hold each of their tests once per shard.
    const own = audit.filter((f) => (specShard(f.moduleId) ?? 1) === index);
    return [...own, ...(others.length ? await super.shard(others) : [])];
  }

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const order = categoryOrder();
    if (!order) return sorted;
    const rank = new Map(order.map((category, i) => [category, i]));
    const rankOf = (spec: TestSpecification) => rank.get(specCategory(spec.moduleId)) ?? -1;
    const slots: number[] = [];
    sorted.forEach((spec, i) => {
      if (spec.project.name === AUDIT_PROJECT) slots.push(i);
    });
    const audit = slots.map((i) => sorted[i] as TestSpecification).sort((a, b) => rankOf(a) - rankOf(b));
    slots.forEach((slot, k) => {
      sorted[slot] = audit[k] as TestSpecification;
    });
    return sorted;
  }
}
