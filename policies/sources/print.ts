/**
 * The resolved inventory as `plan` prints it: one line per source (what it yielded, from
 * where), then one tab-separated line per host and endpoint with its groups, so an operator
 * can see (and grep, and diff between days) exactly what the audit will visit.
 */
import type { Policy } from '../types.ts';

/** @example for (const line of inventoryLines(policy)) console.log(line) */
export function inventoryLines(policy: Policy): string[] {
  const lines: string[] = [];
  for (const s of policy.sources ?? []) {
    const notes = s.notes.length
      ? `; ${s.notes.slice(0, 5).join('; ')}${s.notes.length > 5 ? ` (+${s.notes.length - 5})` : ''}`
      : '';
    lines.push(
      `source\t${s.name}\t${s.kind}\t${s.from === 'live' ? `read in ${s.durationMs} ms` : `from ${s.from}`}\t${s.hosts} hosts, ${s.endpoints} endpoints${notes}`,
    );
  }
  const groups = (g?: string[]) => (g?.length ? g.join(',') : '-');
  for (const h of policy.inventory.hosts) {
    const where =
      h.transport === 'local'
        ? 'local'
        : `${h.user ? `${h.user}@` : ''}${h.address ?? h.name}${h.port ? `:${h.port}` : ''}`;
    lines.push(`host\t${h.name}\t${where}\t${groups(h.groups)}`);
  }
  for (const e of policy.inventory.endpoints)
    lines.push(`endpoint\t${e.name}\t${e.url}\t${groups(e.groups)}`);
  return lines;
}
