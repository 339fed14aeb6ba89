/**
 * One pass over a policy with schema problems: the entries the schema refused (a control, a
 * host, a waiver, or a whole top-level key) are left out, the rest is checked semantically
 * too, so the author sees every problem at once. A semantic problem that could only come from
 * an entry left out (a selector whose host was refused, a waiver whose control was) is withheld.
 */
import type { PolicyProblem } from './errors.ts';

/** Which parts of the policy lost entries: `inventory`, `controls`, `waivers`, `rubric`, … */
export type Pruned = Set<string>;

/** List pointer (`/controls`, `/inventory/hosts`) → the original index of each kept entry. */
export type IndexMap = Map<string, number[]>;

/**
 * The document without the entries named by its schema problems (undefined when nothing is
 * left to check); `indices` learns where the kept entries were, for restorePaths.
 */
export function pruneInvalid(
  data: Record<string, unknown>,
  problems: PolicyProblem[],
  pruned: Pruned,
  indices: IndexMap = new Map(),
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...data };
  const drop = new Map<unknown[], Set<number>>();
  const pointers = new Map<unknown[], string>();
  // Lists are copied once, before anything is marked: the parsed document may be shared.
  const copies = new Set<unknown[]>();
  const listOf = (owner: Record<string, unknown>, key: string): unknown[] | undefined => {
    const list = owner[key];
    if (!Array.isArray(list)) return undefined;
    if (copies.has(list)) return list;
    const own = [...list];
    copies.add(own);
    owner[key] = own;
    return own;
  };
  let copiedInventory = false;
  for (const p of problems) {
    const [top, second, third] = (p.path ?? '/').split('/').slice(1);
    if (!top) return undefined;
    if (top === 'inventory' && second && /^\d+$/.test(third ?? '')) {
      if (!copiedInventory) out.inventory = { ...(out.inventory as Record<string, unknown>) };
      copiedInventory = true;
      const inventory = out.inventory as Record<string, unknown>;
      const list = listOf(inventory, second);
      if (list) {
        mark(drop, list, Number(third));
        pointers.set(list, `/inventory/${second}`);
      } else delete inventory[second];
    } else if (/^\d+$/.test(second ?? '') && Array.isArray(out[top])) {
      const list = listOf(out, top)!;
      mark(drop, list, Number(second));
      pointers.set(list, `/${top}`);
    } else delete out[top];
    pruned.add(top === 'inventory' ? 'inventory' : top);
  }
  for (const [list, gone] of drop) {
    const was = list.map((_, i) => i).filter((i) => !gone.has(i));
    indices.set(pointers.get(list)!, was);
    const kept = list.filter((_, i) => !gone.has(i));
    list.length = 0;
    list.push(...kept);
  }
  return out;
}

function mark(drop: Map<unknown[], Set<number>>, list: unknown[], i: number): void {
  const set = drop.get(list) ?? new Set<number>();
  set.add(i);
  drop.set(list, set);
}

/** Semantic problems minus those an entry left out could have caused. */
export function withholdConsequences(
  problems: PolicyProblem[],
  pruned: Pruned,
): { kept: PolicyProblem[]; withheld: number } {
  if (pruned.size === 0) return { kept: problems, withheld: 0 };
  if (pruned.has('extends')) return { kept: [], withheld: problems.length };
  const suffixes: string[] = [];
  if (pruned.has('inventory')) suffixes.push('/targets', '/host', '/jump', '/phase', '/fact');
  if (pruned.has('controls')) suffixes.push('/control');
  if (pruned.has('rubric')) suffixes.push('/category', '/rubric/reports', '/rubric/thresholds', '/expires');
  const kept = problems.filter(
    (p) => !suffixes.some((s) => (p.path ?? '').endsWith(s) || (p.path ?? '').includes(`${s}/`)),
  );
  return { kept, withheld: problems.length - kept.length };
}

/** Puts the original entry index back into paths of problems found on the pruned document. */
export function restorePaths(problems: PolicyProblem[], byFile: Map<string, IndexMap>): void {
  for (const p of problems) {
    const indices = p.path ? byFile.get(p.file) : undefined;
    if (!indices || !p.path) continue;
    for (const [pointer, was] of indices) {
      if (!p.path.startsWith(`${pointer}/`)) continue;
      const rest = p.path.slice(pointer.length + 1);
      const index = rest.split('/', 1)[0] as string;
      if (!/^\d+$/.test(index)) continue;
      const original = was[Number(index)];
      if (original !== undefined) p.path = `${pointer}/${original}${rest.slice(index.length)}`;
    }
  }
}
