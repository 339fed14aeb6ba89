/**
 * Waiver problems beyond check.ts's: an expiry that is not a calendar date (`2026-02-30`, which
 * Date.parse reads as March 2nd) and a target the waived control does not run on (a typo, or a
 * host not in the inventory, would waive nothing and say nothing).
 */
import type { ProbeRegistry } from '../checks/registry.ts';
import type { PolicyProblem } from './errors.ts';
import type { Merged, Origin } from './merge.ts';
import { TargetIndex } from './select.ts';

/**
 * A YYYY-MM-DD string that names a day of the calendar (the round trip through UTC keeps it).
 * @example isCalendarDate('2026-02-28') // true
 * @example isCalendarDate('2026-02-30') // false
 */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function checkWaivers(merged: Merged, registry: ProbeRegistry, problems: PolicyProblem[]): void {
  const where = (o: object): Origin => merged.origins.get(o) ?? { file: '(policy)', path: '/' };
  const index = new TargetIndex(merged.inventory);
  const controls = new Map(merged.controls.map((c) => [c.id, c]));
  for (const waiver of merged.waivers) {
    const o = where(waiver);
    const label = `waiver for ${waiver.control}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(waiver.expires) && !isCalendarDate(waiver.expires))
      problems.push({
        ...o,
        path: `${o.path}/expires`,
        message: `${label}: "${waiver.expires}" is not a day of the calendar (expected YYYY-MM-DD, e.g. 2027-02-28)`,
      });
    const control = controls.get(waiver.control);
    const probe = control && registry.get(control.check);
    if (waiver.target === undefined || !control || !probe) continue;
    const { targets, kind } = index.select(control, probe);
    if (targets.some((t) => t.name === waiver.target)) continue;
    const inInventory = index.get(kind, waiver.target) !== undefined;
    const runsOn = targets.slice(0, 10).map((t) => t.name);
    problems.push({
      ...o,
      path: `${o.path}/target`,
      message: `${label}: ${
        inInventory
          ? `control ${control.id} does not run on ${kind} "${waiver.target}"`
          : `no ${kind} named "${waiver.target}" in the inventory`
      }${runsOn.length ? ` (it runs on ${runsOn.join(', ')}${targets.length > 10 ? ', …' : ''})` : ''}`,
    });
  }
}
