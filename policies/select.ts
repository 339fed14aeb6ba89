/** Resolves a control's `targets` selector against the inventory. */
import type { AnyProbe } from '../checks/registry.ts';
import { type Control, type Inventory, SECTION_OF_KIND, type TargetKind } from './types.ts';

/** An inventory entry (host, endpoint…); its kind is the probe's target kind. */
export interface Target {
  name: string;
  groups?: string[];
}

export interface Selection {
  kind: TargetKind;
  targets: Target[];
  /** Names the selector asked for that are not in the inventory (a configuration error). */
  unknown: string[];
}

/** Index of one inventory section, built once per policy: selection stays O(selector) at 50,000 targets. */
export class TargetIndex {
  // Keyed by kind, then by name or group: no joined key string per target (50,000 of them).
  // Each kind's lists are taken when the index is made; its name and group maps are built on
  // first use (a run makes several indexes, and a policy without `targets` selectors needs none).
  readonly #lists = new Map<TargetKind, Target[]>();
  readonly #byName = new Map<TargetKind, Map<string, Target>>();
  readonly #byGroup = new Map<TargetKind, Map<string, Target[]>>();

  constructor(inventory: Inventory) {
    for (const [kind, section] of Object.entries(SECTION_OF_KIND) as [TargetKind, keyof Inventory][])
      this.#lists.set(kind, (inventory[section] as Target[]).slice());
  }

  #names(kind: TargetKind): Map<string, Target> {
    let byName = this.#byName.get(kind);
    if (!byName) {
      byName = new Map();
      for (const entry of this.all(kind)) byName.set(entry.name, entry);
      this.#byName.set(kind, byName);
    }
    return byName;
  }

  #groups(kind: TargetKind): Map<string, Target[]> {
    let byGroup = this.#byGroup.get(kind);
    if (!byGroup) {
      byGroup = new Map();
      for (const entry of this.all(kind))
        for (const g of entry.groups ?? []) {
          const members = byGroup.get(g);
          if (members) members.push(entry);
          else byGroup.set(g, [entry]);
        }
      this.#byGroup.set(kind, byGroup);
    }
    return byGroup;
  }

  all(kind: TargetKind): Target[] {
    return this.#lists.get(kind) ?? [];
  }

  get(kind: TargetKind, name: string): Target | undefined {
    return this.#names(kind).get(name);
  }

  select(control: Control, probe: AnyProbe): Selection {
    const kind = probe.target as TargetKind;
    const fits = (t: Target) =>
      !probe.monitoringKind || (t as { kind?: string }).kind === probe.monitoringKind;
    const sel = control.targets;
    const unknown: string[] = [];
    let picked: Target[];
    if (!sel) {
      picked = this.all(kind).filter(fits);
    } else {
      const names = Array.isArray(sel) ? sel : (sel.names ?? []);
      const groups = Array.isArray(sel) ? [] : (sel.groups ?? []);
      const chosen = new Set<Target>();
      for (const n of names) {
        const t = this.get(kind, n);
        if (t) chosen.add(t);
        else unknown.push(n);
      }
      for (const g of groups) for (const t of this.#groups(kind).get(g) ?? []) chosen.add(t);
      if (!Array.isArray(sel) && !sel.names && !sel.groups) for (const t of this.all(kind)) chosen.add(t);
      const exclude = new Set(Array.isArray(sel) ? [] : (sel.exclude ?? []));
      picked = [...chosen].filter((t) => fits(t) && !exclude.has(t.name));
    }
    return { kind, targets: picked, unknown };
  }
}
