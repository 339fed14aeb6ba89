/**
 * Semantic checks of a docs.claim control, after its params passed their schema: the fact
 * names a known check that declares the field (checks/docs/fact-fields.ts), targets that are
 * in the inventory and a selector that selects something, params valid for that check, and a
 * pattern or cell that fits the kind of fact. A claim that could never be evaluated is a
 * configuration error at load time, not an `error` in every run.
 */
import { FACT_SOURCES, factFields } from '../checks/docs/fact-fields.ts';
import { compilePattern, PatternError } from '../checks/pattern.ts';
import type { AnyProbe, ProbeRegistry } from '../checks/registry.ts';
import type { PolicyProblem } from './errors.ts';
import type { Origin } from './merge.ts';
import type { Target, TargetIndex } from './select.ts';
import type { Control, TargetSelector } from './types.ts';
import { validateParams } from './validate.ts';

type Selector = 'all' | TargetSelector;

interface ClaimShape {
  pattern?: string;
  cell?: { row?: unknown };
  fact?: {
    check?: string;
    field?: string;
    value?: string;
    params?: Record<string, unknown>;
    target?: string;
    over?: Selector;
    each?: Selector;
    history?: string;
  };
}

/** Problems of one docs.claim control (none for any other check, or a history fact). */
export function checkClaimFact(
  control: Control,
  o: Origin,
  registry: ProbeRegistry,
  index: TargetIndex,
): PolicyProblem[] {
  const p = (control.params ?? {}) as ClaimShape;
  const fact = p.fact;
  if (control.check !== 'docs.claim' || !fact || typeof fact.check !== 'string') return [];
  const problems: PolicyProblem[] = [];
  const add = (path: string, message: string) =>
    problems.push({
      file: o.file,
      path: `${o.path}/params${path}`,
      message: `control ${control.id}: ${message}`,
    });
  const each = fact.each !== undefined;
  checkDocumentSide(p, each, add);

  const probe = registry.get(fact.check);
  if (!probe) {
    const hint = registry.suggest(fact.check);
    add(
      '/fact/check',
      `the fact's check "${fact.check}" is unknown${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
    return problems;
  }
  const fields = factFields(fact.check);
  if (!fields) {
    add(
      '/fact/check',
      `${fact.check} measures no figure a claim can name; facts come from ${Object.keys(FACT_SOURCES).join(', ')}`,
    );
    return problems;
  }
  const field = fact.field ?? fact.value ?? 'count';
  if (!fields.includes(field)) {
    const named = fact.field !== undefined ? '' : ' (none given, count assumed)';
    add(
      '/fact/field',
      `${fact.check} has no numeric field "${field}"${named}; it declares ${fields.join(', ')}`,
    );
  }
  const shape = validateParams(probe.params, fact.params ?? {}, o.file, `${o.path}/params/fact/params`);
  for (const e of shape)
    problems.push({ ...e, message: `control ${control.id}: the fact's params: ${e.message}` });
  // The fact's probe checks its own params as it would for a control of its own.
  if (shape.length === 0 && probe.validateParams) {
    for (const e of probe.validateParams(fact.params ?? {})) {
      const [path, message] = typeof e === 'string' ? ['', e] : [e.path, e.message];
      add(`/fact/params${path}`, `the fact's params: ${message}`);
    }
  }

  if (fact.target !== undefined) checkTarget(fact.target, probe, index, add);
  for (const key of ['over', 'each'] as const) {
    const selector = fact[key];
    if (selector !== undefined) checkSelector(key, selector, probe, index, add);
  }
  return problems;
}

type Add = (path: string, message: string) => void;

function describeKind(probe: AnyProbe): string {
  return probe.monitoringKind ? `${probe.monitoringKind} monitoring entry` : probe.target;
}

function known(list: Target[]): string {
  const names = list.map((t) => t.name);
  return names.length ? ` (known: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})` : '';
}

function checkTarget(name: string, probe: AnyProbe, index: TargetIndex, add: Add): void {
  const target = index.get(probe.target, name) as (Target & { kind?: string }) | undefined;
  if (!target) {
    add(
      '/fact/target',
      `no ${probe.target} named "${name}" in the inventory${known(index.all(probe.target))}`,
    );
  } else if (probe.monitoringKind && target.kind !== probe.monitoringKind) {
    add('/fact/target', `"${name}" is a ${target.kind} entry; ${probe.name} reads a ${describeKind(probe)}`);
  }
}

function checkSelector(key: string, selector: Selector, probe: AnyProbe, index: TargetIndex, add: Add): void {
  const targets = selector === 'all' ? undefined : selector;
  const picked = index.select({ targets } as Control, probe);
  const excluded = Array.isArray(selector) || selector === 'all' ? [] : (selector.exclude ?? []);
  const unknown = [...picked.unknown, ...excluded.filter((n) => !index.get(probe.target, n))];
  if (unknown.length) {
    const names = unknown.map((u) => `"${u}"`).join(', ');
    add(
      `/fact/${key}`,
      `no ${probe.target} named ${names} in the inventory${known(index.all(probe.target))}`,
    );
  } else if (picked.targets.length === 0) {
    add(
      `/fact/${key}`,
      `selects no ${describeKind(probe)} (${probe.name} measures ${describeKind(probe)} targets)`,
    );
  }
}

/** The document side fits the fact: `{target}` or a row-less cell exactly when it is an each fact. */
function checkDocumentSide(p: ClaimShape, each: boolean, add: Add): void {
  if (p.pattern === undefined && p.cell === undefined)
    add('', 'give a pattern or a cell to read the claim from');
  if (p.pattern !== undefined) {
    const placeholder = p.pattern.includes('{target}');
    if (each && !placeholder)
      add('/pattern', 'an each fact reads one figure per target: put {target} where the name stands');
    if (!each && placeholder) add('/pattern', '{target} stands for a target name only with an each fact');
    // Compiled as the probe runs it: RE2, case-insensitive (checks/pattern.ts).
    try {
      const { groups } = compilePattern(p.pattern.replaceAll('{target}', 'x'), 'i');
      if (groups < 1) add('/pattern', 'has no capture group: group 1 is the claimed value');
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      add('/pattern', `pattern /${p.pattern}/ ${err.message}`);
    }
  }
  if (p.cell !== undefined) {
    if (each && p.cell.row !== undefined)
      add('/cell/row', "an each fact's row is each target's name (first column): remove row");
    if (!each && p.cell.row === undefined) add('/cell', 'names no row');
  }
}
