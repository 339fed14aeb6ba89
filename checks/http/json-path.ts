/** A small path syntax for JSON fields in policies: `checks[0].status`, `data.items[2].name`. */

export type PathStep = string | number;

/** Parses `a.b[0].c` into steps; throws on a malformed path (a policy mistake, reported at load). */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    const gap = path.slice(consumed, m.index);
    if (gap !== '' && gap !== '.') throw new Error(`malformed JSON path "${path}" at "${gap}"`);
    steps.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    consumed = m.index + m[0].length;
  }
  if (consumed !== path.length || steps.length === 0) throw new Error(`malformed JSON path "${path}"`);
  return steps;
}

/** The value at `path`, and whether it exists (a present `null` exists). */
export function readPath(value: unknown, path: string): { exists: boolean; value?: unknown } {
  let current: unknown = value;
  for (const step of parsePath(path)) {
    if (current === null || typeof current !== 'object') return { exists: false };
    const container = current as Record<string | number, unknown>;
    // Own properties only: `constructor`, `__proto__` or `toString` of an answer's object are
    // JavaScript's, not the service's, and must never read as present.
    if (
      typeof step === 'number'
        ? !Array.isArray(current) || step >= current.length
        : !Object.hasOwn(container, step)
    ) {
      return { exists: false };
    }
    current = container[step];
  }
  return { exists: true, value: current };
}
