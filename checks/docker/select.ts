/**
 * Shared by the container probes: name patterns, which containers a probe looks at, reading
 * the snapshot without throwing, and evidence lists kept small.
 */
import { type Evidence, fromError, type Json, notApplicable, type ProbeResult } from '../probe.ts';
import type { ContainerFacts, ContainerSource } from './snapshot.ts';

export interface Selection {
  /** Name patterns (`*` and `?` wildcards) of the containers to look at; default all. */
  include?: string[];
  /** Name patterns to leave out. */
  exclude?: string[];
}

/** JSON Schema properties for `include`/`exclude`, spread into each probe's params schema. */
export const selectionSchema = {
  include: {
    type: 'array',
    items: { type: 'string' },
    description: 'Container name patterns to check (* and ? wildcards); default all.',
  },
  exclude: { type: 'array', items: { type: 'string' }, description: 'Container name patterns to leave out.' },
} as const;

/** True when `name` matches a `*`/`?` wildcard pattern (whole name, case-sensitive like Docker). */
export function matchesName(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(name);
}

export function selectContainers(
  all: ContainerFacts[],
  sel: Selection,
  runningOnly: boolean,
): ContainerFacts[] {
  return all.filter(
    (c) =>
      (!runningOnly || c.running) &&
      (!sel.include?.length || sel.include.some((p) => matchesName(p, c.name))) &&
      !sel.exclude?.some((p) => matchesName(p, c.name)),
  );
}

/** At most this many offenders are listed in evidence; the count is always exact. */
const MAX_LISTED = 50;

export function listed<T extends Json>(items: T[]): T[] {
  return items.slice(0, MAX_LISTED);
}

export interface Scope {
  runningOnly: boolean;
  /** Words for messages: "running containers". */
  noun: string;
}

/**
 * Reads the host's containers, applies the selection and hands the rest to `judge`.
 * Engine unreachable → `error`; nothing selected → `not-applicable`.
 * @example await judgeContainers(src, { exclude: ['job-*'] }, RUNNING, (list, ev) => pass('…', ev))
 */
export async function judgeContainers(
  src: ContainerSource,
  sel: Selection,
  scope: Scope,
  judge: (list: ContainerFacts[], evidence: Evidence) => ProbeResult,
): Promise<ProbeResult> {
  const base: Evidence = { source: src.source, host: src.host };
  let all: ContainerFacts[];
  try {
    all = await src.containers();
  } catch (err) {
    return fromError(err, base);
  }
  const list = selectContainers(all, sel, scope.runningOnly);
  if (list.length === 0)
    return notApplicable(`${src.host}: no ${scope.noun} to check`, { ...base, checked: 0 });
  return judge(list, { ...base, checked: list.length });
}

export const RUNNING: Scope = { runningOnly: true, noun: 'running containers' };
export const ALL: Scope = { runningOnly: false, noun: 'containers' };

/** "a, b, c and 4 more" for messages. */
export function nameList(items: { name: string }[], max = 10): string {
  const shown = items.slice(0, max).map((i) => i.name);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}
