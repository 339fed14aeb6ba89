/**
 * Subject names must be unique within a control × target: each becomes its own test and row.
 * Prometheus can report the same `job/instance` twice (two scrape pools relabelled alike) and a
 * rule group may hold several alerts of one name (one per severity), so repeats get a suffix
 * that tells them apart rather than silently merging into one row.
 */

/**
 * Returns the names in order, each repeat suffixed with its `hint` (when that makes it unique)
 * or with `#2`, `#3`…
 * @example distinctNames([['node/a:9100', 'pool-1'], ['node/a:9100', 'pool-2']]) // → ['node/a:9100', 'node/a:9100 (pool-2)']
 */
export function distinctNames(items: readonly (readonly [name: string, hint?: string])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [name, hint] of items) {
    let candidate = name;
    if (seen.has(candidate) && hint) candidate = `${name} (${hint})`;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name} #${n}`;
    seen.add(candidate);
    out.push(candidate);
  }
  return out;
}
