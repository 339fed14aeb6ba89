/**
 * What the engine plans for a category before anything runs: per control, its probe, the
 * targets it selected (this shard's only) and where its tests sit in the category's run.
 */
import { catalogIndex as catalog } from '../../checks/catalog-index.ts';
import type { ProbeResult } from '../../checks/probe.ts';
import type { AnyProbe } from '../../checks/registry.ts';
import { secretForms } from '../../policies/secrets.ts';
import type { Target } from '../../policies/select.ts';
import type { Control, TargetKind } from '../../policies/types.ts';
import { redactText } from '../../reporters/redact.ts';
import type { CategoryRun } from './category-run.ts';
import type { RunContext } from './run-context.ts';
import { inShard } from './shard-of.ts';
import type { Shard } from './shard-specs.ts';

/** One control's checks, started lazily: the engine holds a cursor, not 50,000 promises. */
export interface Plan {
  run: CategoryRun;
  control: Control;
  probe: AnyProbe;
  targets: Target[];
  kind: TargetKind;
  params: Record<string, unknown>;
  enabled: boolean;
  /** Its place in the category's plan: collection checks' tests are numbered in this order. */
  seq: number;
  /** Index in run.titles of this control's first target; -1 for a collection check. */
  offset: number;
}

export interface PlannedCategory {
  category: string;
  run: CategoryRun;
  plans: Plan[];
}

/** A finished check: its (redacted) result and how long the probe took. */
export interface Found {
  result: ProbeResult;
  durationMs: number;
}

/** A test's title: the control and the target, no secret form in it. */
export function testTitle(control: Control, target: Target): string {
  return redactText(`${control.id} ${control.title} @ ${target.name}`, secretForms());
}

/**
 * A control's checks on its targets; their titles are added to `run` now (a collection check's
 * tests are named when its subjects are in).
 * @example planControl(ctx, undefined, control, run, 0).targets.length // the targets it selected
 */
export function planControl(
  ctx: RunContext,
  shard: Shard | undefined,
  control: Control,
  run: CategoryRun,
  seq: number,
): Plan {
  const probe = catalog.get(control.check);
  if (!probe)
    throw new Error(
      `control ${control.id}: unknown check ${control.check} (the loader should have refused it)`,
    );
  const selected = ctx.index.select(control, probe);
  const { kind } = selected;
  const targets = shard
    ? selected.targets.filter((t) => inShard(control.id, t.name, shard))
    : selected.targets;
  const collection = probe.subjects === true;
  const offset = collection ? -1 : run.titles.length;
  for (const target of targets) {
    if (collection) run.expectSubjects();
    else run.addTest(testTitle(control, target));
  }
  const enabled = !probe.active || (control.active === true && ctx.options.active);
  return { run, control, probe, targets, kind, params: control.params ?? {}, enabled, seq, offset };
}
