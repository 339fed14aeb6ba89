/**
 * Ansible's inventory model, whatever the file's format: groups with hosts, vars and
 * children. Effective host vars follow Ansible's order: `all`, then parent groups before their
 * children, then the host's own.
 */
export interface AnsibleGroup {
  hosts: Map<string, Record<string, unknown>>;
  vars: Record<string, unknown>;
  children: Set<string>;
}

export class AnsibleInventory {
  readonly groups = new Map<string, AnsibleGroup>();

  group(name: string): AnsibleGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = { hosts: new Map(), vars: {}, children: new Set() };
      this.groups.set(name, g);
    }
    return g;
  }

  /** Every host with its groups (transitively: a host of a child is in the parent) and effective vars. */
  hosts(): { name: string; groups: string[]; vars: Record<string, unknown> }[] {
    const depth = this.#depths();
    const memberOf = new Map<string, Set<string>>();
    const own = new Map<string, Record<string, unknown>>();
    for (const [gname, g] of this.groups)
      for (const [h, vars] of g.hosts) {
        if (!memberOf.has(h)) memberOf.set(h, new Set());
        own.set(h, { ...own.get(h), ...vars });
        for (const a of this.#ancestors(gname)) memberOf.get(h)?.add(a);
      }
    return [...memberOf.keys()].sort().map((name) => {
      const groups = [...(memberOf.get(name) ?? [])].sort(
        (a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0),
      );
      const vars: Record<string, unknown> = { ...this.groups.get('all')?.vars };
      for (const g of groups) Object.assign(vars, this.groups.get(g)?.vars);
      Object.assign(vars, own.get(name));
      return { name, groups: groups.filter((g) => g !== 'all' && g !== 'ungrouped'), vars };
    });
  }

  /** The group and every group that has it as a child (cycles are cut). */
  #ancestors(name: string): Set<string> {
    const out = new Set<string>([name]);
    const queue = [name];
    while (queue.length) {
      const child = queue.pop() as string;
      for (const [p, g] of this.groups)
        if (g.children.has(child) && !out.has(p)) {
          out.add(p);
          queue.push(p);
        }
    }
    return out;
  }

  #depths(): Map<string, number> {
    const depth = new Map<string, number>();
    const visit = (name: string, d: number, path: Set<string>) => {
      if (path.has(name) || (depth.get(name) ?? -1) >= d) return;
      depth.set(name, d);
      path.add(name);
      for (const c of this.groups.get(name)?.children ?? []) visit(c, d + 1, path);
      path.delete(name);
    };
    for (const name of this.groups.keys()) visit(name, 0, new Set());
    return depth;
  }
}
