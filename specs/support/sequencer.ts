/**
 * vitest's sequencer, except that the audit's category spec files (specs/<category>.spec.ts)
 * run in the order the engine probes the categories (category-order.ts), smallest first:
 * a category's tests wait for its results, so a small category run before a large one is done
 * while the large one still probes. Every other file keeps vitest's order and position.
 */
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { AUDIT_PROJECT } from '../../reporters/audit-project.ts';
import { categoryOrder } from './category-order.ts';

export class AuditSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const order = categoryOrder();
    if (!order) return sorted;
    const rank = new Map(order.map((category, i) => [category, i]));
    const rankOf = (spec: TestSpecification) => rank.get(basename(spec.moduleId, '.spec.ts')) ?? -1;
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
