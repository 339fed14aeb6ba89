/**
 * Per-group roll-ups for large fleets: for each family of inventory groups (`shard-*`,
 * `tenant-*`, `tier-*`, a Traefik `middleware-*`), how many of the group's targets fail at
 * least one control, worst first. A reader of a 50,000-site assessment sees that shard-017
 * holds 40 of the 45 failing sites before any row. Pure: rows and inventory in, Markdown out.
 */
import type { Inventory } from '../policies/types.ts';
import { isFailing } from './model.ts';
import type { Row } from './rows.ts';

/** Groups shown per family; the rest are counted in one line. */
const SHOWN = 15;
/** Below this many checked targets a roll-up says nothing a reader cannot see in the rows. */
const MIN_TARGETS = 20;

export interface GroupRollup {
  group: string;
  failing: number;
  checked: number;
  /** The control failing on most of the group's targets. */
  worstControl: string;
}

/** Targets' groups by name, across every inventory section. */
function groupsByTarget(inventory: Inventory): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const list of Object.values(inventory) as { name: string; groups?: string[] }[][])
    for (const e of list) if (e.groups?.length) out.set(e.name, [...(out.get(e.name) ?? []), ...e.groups]);
  return out;
}

const familyOf = (group: string) => group.match(/^([A-Za-z0-9]+)-/)?.[1];

/** Roll-ups by family, worst group first (then by name, for a stable document). */
export function rollUp(rows: readonly Row[], inventory: Inventory): Map<string, GroupRollup[]> {
  const groups = groupsByTarget(inventory);
  // An inventory without groups has no roll-up: 50,000 rows need not be walked for it.
  if (groups.size === 0) return new Map();
  const checked = new Map<string, Set<string>>();
  const failing = new Map<string, Set<string>>();
  const controls = new Map<string, Map<string, number>>();
  const targets = new Set<string>();
  const failedPair = new Set<string>();
  for (const r of rows) {
    targets.add(r.target);
    const own = groups.get(r.target);
    if (!own) continue;
    const bad = isFailing(r);
    // A target's several failing subjects of one control count once for that control.
    const pair = bad ? `${r.id}\u0000${r.target}` : '';
    const firstFailure = bad && !failedPair.has(pair);
    if (firstFailure) failedPair.add(pair);
    for (const g of own) {
      if (!checked.has(g)) checked.set(g, new Set());
      checked.get(g)?.add(r.target);
      if (!bad) continue;
      if (!failing.has(g)) failing.set(g, new Set());
      failing.get(g)?.add(r.target);
      if (firstFailure) {
        const byControl = controls.get(g) ?? new Map<string, number>();
        byControl.set(r.id, (byControl.get(r.id) ?? 0) + 1);
        controls.set(g, byControl);
      }
    }
  }
  const families = new Map<string, GroupRollup[]>();
  for (const [group, members] of checked) {
    const family = familyOf(group);
    // A group holding every checked target (the source's own) tells nothing about where failures sit.
    // Nor does a group of one target (an API endpoint): its rows say it all.
    if (!family || members.size === targets.size || members.size < 2) continue;
    const worst = [...(controls.get(group) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0];
    const list = families.get(family) ?? [];
    list.push({
      group,
      failing: failing.get(group)?.size ?? 0,
      checked: members.size,
      worstControl: worst?.[0] ?? '',
    });
    families.set(family, list);
  }
  for (const [family, list] of families) {
    if (list.every((g) => g.failing === 0) || list.length < 2) families.delete(family);
    else
      list.sort(
        (a, b) =>
          b.failing - a.failing ||
          b.failing / b.checked - a.failing / a.checked ||
          (a.group < b.group ? -1 : 1),
      );
  }
  return new Map([...families].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** The "Failing targets by group" section, or '' when the run is too small or nothing fails by group. */
export function renderRollups(rows: readonly Row[], inventory: Inventory): string {
  if (new Set(rows.map((r) => r.target)).size < MIN_TARGETS) return '';
  const families = rollUp(rows, inventory);
  if (families.size === 0) return '';
  const parts = [
    '## Failing targets by group',
    '',
    'Targets failing or inconclusive on at least one control, per group, worst first.',
  ];
  for (const [family, list] of families) {
    const bad = list.filter((g) => g.failing > 0);
    parts.push('', `### By ${family} (${bad.length} of ${list.length} groups with failures)`, '');
    parts.push('| group | failing targets | checked | most failed control |', '|---|---:|---:|---|');
    for (const g of bad.slice(0, SHOWN))
      parts.push(
        `| ${g.group} | ${g.failing} | ${g.checked} | ${g.worstControl ? `\`${g.worstControl}\`` : ''} |`,
      );
    if (bad.length > SHOWN) {
      const rest = bad.slice(SHOWN);
      parts.push(
        '',
        `_${rest.length} more groups with ${rest.reduce((n, g) => n + g.failing, 0)} failing targets (every row is in failing.csv)._`,
      );
    }
  }
  return parts.join('\n');
}

/** Puts the section before `heading` (the first `## ` after the opening sections), or at the end. */
export function withRollups(markdown: string, section: string, before: readonly string[]): string {
  if (!section) return markdown;
  for (const heading of before) {
    const at = markdown.indexOf(`\n${heading}`);
    if (at >= 0) return `${markdown.slice(0, at + 1)}${section}\n\n${markdown.slice(at + 1)}`;
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
