/**
 * Inventory problems the schema cannot see, found at load instead of after other targets were
 * probed: endpoint and monitoring URLs that do not parse or name a port over 65535, and SSH
 * jump chains that loop back (each named by its cycle, never left to the run's timeouts).
 */
import { urlProblem } from '../checks/url-problems.ts';
import type { PolicyProblem } from './errors.ts';
import type { Merged, Origin } from './merge.ts';

export function checkInventory(merged: Merged, problems: PolicyProblem[]): void {
  const { inventory, origins } = merged;
  const where = (o: object): Origin => origins.get(o) ?? { file: '(policy)', path: '/' };
  for (const [section, entries] of [
    ['endpoint', inventory.endpoints],
    ['monitoring entry', inventory.monitoring],
  ] as const) {
    for (const entry of entries) {
      const problem = urlProblem(entry.url);
      if (!problem) continue;
      const o = where(entry);
      problems.push({ ...o, path: `${o.path}/url`, message: `${section} "${entry.name}": ${problem}` });
    }
  }
  problems.push(...jumpCycles(merged, where));
}

/** One problem per distinct jump cycle, on the host that closes it, naming the whole loop. */
function jumpCycles(merged: Merged, where: (o: object) => Origin): PolicyProblem[] {
  const hosts = new Map(merged.inventory.hosts.map((h) => [h.name, h]));
  const reported = new Set<string>();
  const out: PolicyProblem[] = [];
  for (const start of merged.inventory.hosts) {
    const chain: string[] = [];
    const seen = new Set<string>();
    // Bounded: each step visits a new host, so at most hosts.size steps.
    for (let h = hosts.get(start.name); h && !seen.has(h.name); h = h.jump ? hosts.get(h.jump) : undefined) {
      seen.add(h.name);
      chain.push(h.name);
    }
    const last = hosts.get(chain[chain.length - 1]);
    if (!last?.jump || !seen.has(last.jump)) continue;
    const loop = chain.slice(chain.indexOf(last.jump));
    const key = [...loop].sort().join('\0');
    if (reported.has(key)) continue;
    reported.add(key);
    const closer = hosts.get(loop[loop.length - 1]);
    if (!closer) continue;
    const o = where(closer);
    out.push({
      ...o,
      path: `${o.path}/jump`,
      message: `host "${closer.name}": SSH jump hosts form a cycle ${[...loop, loop[0]].join(' → ')}; a jump chain must end at a host reached directly`,
    });
  }
  return out;
}
