/**
 * A policy names the controls written in TypeScript it runs (`custom: [REL-NODE-001]`); one it
 * does not name never runs. Each name must be defined by a spec file under specs/custom, in a
 * category of the rubric, and must not reuse a YAML control's id.
 */
import type { PolicyProblem } from './errors.ts';
import type { Origin } from './merge.ts';
import type { Rubric, Severity } from './types.ts';

/** A control defined with defineControl(), as the catalog lists it. */
export interface CustomControlInfo {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  target: string;
  /** The spec file that defines it. */
  file: string;
}

/** Lists the TypeScript controls that exist (specs/support/custom-catalog.ts). */
export type CustomCatalog = () => Promise<CustomControlInfo[]>;

export async function checkCustom(
  named: { id: string; origin: Origin }[],
  catalog: CustomCatalog,
  rubric: Rubric,
  yamlIds: ReadonlySet<string>,
  problems: PolicyProblem[],
): Promise<void> {
  if (named.length === 0) return;
  let defined: CustomControlInfo[];
  try {
    defined = await catalog();
  } catch (err) {
    const { file, path } = named[0]!.origin;
    problems.push({ file, path, message: `TypeScript controls: ${(err as Error).message}` });
    return;
  }
  const byId = new Map<string, CustomControlInfo>();
  for (const c of defined) {
    const earlier = byId.get(c.id);
    if (earlier)
      problems.push({ file: c.file, message: `control ${c.id} is defined twice (also in ${earlier.file})` });
    else byId.set(c.id, c);
  }
  const known = [...byId.keys()].sort();
  for (const { id, origin } of named) {
    const control = byId.get(id);
    if (!control) {
      problems.push({
        ...origin,
        message: `custom: no control ${id} is defined in specs/custom (defined there: ${known.length ? known.join(', ') : 'none'})`,
      });
      continue;
    }
    if (yamlIds.has(id))
      problems.push({ ...origin, message: `custom: ${id} is also the id of a control in the policy's YAML` });
    if (!Object.hasOwn(rubric.categories, control.category))
      problems.push({
        ...origin,
        message: `custom: ${id} (${control.file}) is in category "${control.category}", which the rubric does not have (${Object.keys(rubric.categories).join(', ')})`,
      });
  }
}
