/**
 * The audit of one run: every control × target of the policy, each probe started at most once,
 * with bounded concurrency. Spec files ask for their category's checks; probing starts when
 * a category is first asked for, so tests mostly read results that are already there.
 */
import { inject } from 'vitest';
import { catalog } from '../../checks/catalog.ts';
import { notApplicable, type ProbeResult } from '../../checks/probe.ts';
import type { Control, Policy } from '../../policies/types.ts';
import type { ControlMeta } from '../../reporters/meta.ts';
import { Limiter } from './limiter.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    'readyspec:policy': Policy;
  }
}

export interface PlannedCheck {
  title: string;
  /** Resolves with the meta to attach; never rejects. */
  meta(): Promise<ControlMeta>;
}

export class Audit {
  readonly ctx: RunContext;
  readonly #limiter: Limiter;
  readonly #byCategory = new Map<string, Control[]>();
  readonly #started = new Map<string, PlannedCheck[]>();
  readonly #waiver: ReturnType<typeof waiverLookup>;
  readonly #today: string;
  #pendingCategories: Set<string>;

  constructor(policy: Policy) {
    this.ctx = new RunContext(policy, runOptionsFromEnv(), catalog);
    this.#limiter = new Limiter(this.ctx.options.concurrency);
    this.#waiver = waiverLookup(policy);
    this.#today = this.ctx.options.now.toISOString().slice(0, 10);
    for (const control of policy.controls) {
      const list = this.#byCategory.get(control.category) ?? [];
      list.push(control);
      this.#byCategory.set(control.category, list);
    }
    this.#pendingCategories = new Set(this.#byCategory.keys());
  }

  /** The checks of one category, started now if they were not already. */
  category(category: string): PlannedCheck[] {
    let planned = this.#started.get(category);
    if (!planned) {
      planned = (this.#byCategory.get(category) ?? []).flatMap((c) => this.#plan(c));
      this.#started.set(category, planned);
    }
    return planned;
  }

  /** Called when a category's spec file is done; closes transports once every category ran. */
  async finished(category: string): Promise<void> {
    this.#pendingCategories.delete(category);
    if (this.#pendingCategories.size === 0) await this.ctx.close();
  }

  #plan(control: Control): PlannedCheck[] {
    const probe = this.ctx.registry.get(control.check);
    if (!probe)
      throw new Error(
        `control ${control.id}: unknown check ${control.check} (the loader should have refused it)`,
      );
    const { targets, kind } = this.ctx.index.select(control, probe);
    const blocking =
      control.blocking ?? this.ctx.policy.rubric.decision.blockingSeverities.includes(control.severity);
    const params = control.params ?? {};
    const enabled = !probe.active || (control.active === true && this.ctx.options.active);
    return targets.map((target) => {
      let durationMs = 0;
      const result: Promise<ProbeResult> = enabled
        ? this.#limiter.run(async () => {
            const started = performance.now();
            const r = await this.ctx.measure(probe, target, params);
            durationMs = Math.round(performance.now() - started);
            return r;
          })
        : Promise.resolve(INACTIVE);
      const meta = result.then((r): ControlMeta => {
        const waived = applyWaiver(r.outcome, this.#waiver(control.id, target.name), this.#today);
        return {
          id: control.id,
          title: control.title,
          category: control.category,
          severity: control.severity,
          check: control.check,
          target: target.name,
          targetKind: kind,
          blocking,
          phase: control.phase,
          tags: control.tags,
          outcome: waived.outcome,
          message: r.message,
          evidence: r.evidence,
          waiver: waived.waiver,
          remediation: control.remediation,
          durationMs,
        };
      });
      return { title: `${control.id} ${control.title} @ ${target.name}`, meta: () => meta };
    });
  }
}

const INACTIVE: ProbeResult = notApplicable(
  'active check not enabled: set `active: true` on the control and READYSPEC_ACTIVE=1',
  { active: false },
);

let current: Audit | undefined;

/** The run's audit, shared by every spec file of the worker (isolate: false). */
export function audit(): Audit {
  current ??= new Audit(inject('readyspec:policy'));
  return current;
}
