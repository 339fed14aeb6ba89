/**
 * The figure a document's claim is compared with: one target's measurement, a sum or count
 * over a selection of targets (the estate, a group, named targets), or the last run's grade.
 * A figure is read from a field the check declares (fact-fields.ts); a measurement that
 * errored, or evidence without the field, leaves the fact unavailable with its cause.
 */

import { TargetIndex } from '../../policies/select.ts';
import type { Control, TargetSelector } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { AnyProbe } from '../registry.ts';
import { FACT_SOURCES, factField } from './fact-fields.ts';
import { lastGrade } from './history.ts';

/** `all`, a list of names, or names/groups/exclude, as a control's `targets`. */
export type FactSelector = 'all' | TargetSelector;

interface Measurement {
  check: string;
  params?: Record<string, unknown>;
  /** A numeric field the check declares (fact-fields.ts). */
  field?: string;
}

/** One target's figure. `value: count` is the former spelling of `field: count`. */
export type TargetFact = Measurement & { target: string; value?: 'count' };
/** A sum of the field, or a count of targets whose field is above zero, over the selection. */
export type EstateFact = Measurement & { over: FactSelector; aggregate: 'sum' | 'count' };
/** One figure per selected target: the document states each target's own (a host table). */
export type EachFact = Measurement & { each: FactSelector };
export type HistoryFact = { history: 'score' | 'letter' };
export type FactRef = TargetFact | EstateFact | EachFact | HistoryFact;

export type Measured =
  | { value: number | string; source: string; parts?: Record<string, number>; skipped?: string[] }
  | { error: string; source: string }
  /** The check does not apply to the target (a host without a Docker endpoint): no figure to compare. */
  | { notApplicable: string; source: string };

/** The field a measurement reads. */
export function fieldOf(fact: Measurement & { value?: string }): string {
  return fact.field ?? fact.value ?? 'count';
}

/** The inventory names a selector picks for a fact check, in inventory order. */
export function factTargets(ctx: ProbeContext, check: string, selector: FactSelector): string[] {
  const source = FACT_SOURCES[check];
  if (!source) return [];
  const index = ctx.shared('docs:target-index', () => new TargetIndex(ctx.policy.inventory));
  const control = { targets: selector === 'all' ? undefined : selector } as Control;
  const probe = { target: source.target, monitoringKind: source.monitoringKind } as AnyProbe;
  return index.select(control, probe).targets.map((t) => t.name);
}

/** One target's figure, or why it is unavailable. */
export async function measureTarget(ctx: ProbeContext, fact: Measurement, target: string): Promise<Measured> {
  const field = fieldOf(fact);
  const source = `${fact.check} ${field} on ${target}`;
  if (!FACT_SOURCES[fact.check])
    return { error: `${fact.check} measures no figure a claim can name`, source };
  const result = await ctx.fact(fact.check, target, fact.params);
  if (result.outcome === 'error')
    return { error: `${fact.check} on ${target} could not measure: ${result.message}`, source };
  const value = factField(fact.check, field, result.evidence);
  if (value === undefined && result.outcome === 'not-applicable')
    return { notApplicable: `${fact.check} does not apply to ${target}: ${result.message}`, source };
  if (value === undefined) {
    return {
      error: `${fact.check} on ${target} gave no ${field} (${result.outcome}: ${result.message})`,
      source,
    };
  }
  return { value, source };
}

const MAX_PARTS = 100;

/**
 * The sum (or count of targets above zero) over the selection. A part that could not be
 * measured makes the figure unavailable; a target the check does not apply to (no Docker
 * endpoint) holds nothing to count and is left out, named in `skipped`.
 */
export async function measureEstate(ctx: ProbeContext, fact: EstateFact): Promise<Measured> {
  const field = fieldOf(fact);
  const names = factTargets(ctx, fact.check, fact.over);
  const what = fact.aggregate === 'sum' ? `sum of ${field}` : `count of targets with ${field} > 0`;
  const source = `${what} of ${fact.check} over ${describeSelector(fact.over)} (${names.length} targets)`;
  if (!names.length) return { error: `${describeSelector(fact.over)} selects no target`, source };
  const parts = await Promise.all(names.map((name) => measureTarget(ctx, fact, name)));
  const missing = parts.flatMap((p) => ('error' in p ? [p.error] : []));
  if (missing.length) {
    const first = missing.slice(0, 3).join('; ');
    return { error: `${missing.length} of ${names.length} part(s) unavailable: ${first}`, source };
  }
  const measured = names.flatMap((n, i) => {
    const p = parts[i];
    return 'value' in p ? [[n, p.value as number] as const] : [];
  });
  const skipped = names.filter((_, i) => 'notApplicable' in parts[i]);
  if (!measured.length) return { error: `${fact.check} applies to none of ${names.join(', ')}`, source };
  const values = measured.map(([, v]) => v);
  const value =
    fact.aggregate === 'sum' ? values.reduce((a, b) => a + b, 0) : values.filter((v) => v > 0).length;
  return {
    value,
    source,
    parts: Object.fromEntries(measured.slice(0, MAX_PARTS)),
    ...(skipped.length ? { skipped: skipped.slice(0, MAX_PARTS) } : {}),
  };
}

/** A single figure: one target's, the estate's, or the last run's grade. */
export function measureFact(
  ctx: ProbeContext,
  fact: TargetFact | EstateFact | HistoryFact,
): Promise<Measured> {
  if ('history' in fact) return lastGrade(ctx.options.reportsDir, fact.history);
  if ('over' in fact) return measureEstate(ctx, fact);
  // One named target the check does not apply to: the claim cannot be judged (the policy names
  // the wrong target), so it is unavailable rather than skipped.
  return measureTarget(ctx, fact, fact.target).then((m) =>
    'notApplicable' in m ? { error: m.notApplicable, source: m.source } : m,
  );
}

export function describeSelector(selector: FactSelector): string {
  if (selector === 'all') return 'all targets';
  if (Array.isArray(selector)) return selector.join(', ');
  const parts = [
    ...(selector.names?.length ? [`names ${selector.names.join(', ')}`] : []),
    ...(selector.groups?.length ? [`groups ${selector.groups.join(', ')}`] : []),
  ];
  const base = parts.length ? parts.join(' and ') : 'all targets';
  return selector.exclude?.length ? `${base} except ${selector.exclude.join(', ')}` : base;
}
