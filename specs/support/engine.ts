/**
 * The probe engine of one run. It lives in vitest's main process (started by the global
 * setup), so probing overlaps with the worker's start-up and test bookkeeping, and so every
 * transport (one SSH connection per host, one HTTP pool) is shared by the whole run and closed
 * in the global teardown. Workers ask it for a category's plan and results (engine-server.ts).
 * What it plans is engine-plan.ts; how a finished check reaches its tests, engine-settle.ts.
 */

import { catalogIndex as catalog } from '../../checks/catalog-index.ts';
import { describeError, inconclusive, notApplicable, type ProbeResult } from '../../checks/probe.ts';
import { secretForms } from '../../policies/secrets.ts';
import type { Target } from '../../policies/select.ts';
import type { Control, Policy } from '../../policies/types.ts';
import { redactResult } from '../../reporters/redact.ts';
import { CategoryRun } from './category-run.ts';
import { type Found, type Plan, type PlannedCategory, planControl } from './engine-plan.ts';
import { Settler } from './engine-settle.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';
import type { Shard } from './shard-specs.ts';
import { SignoffHold } from './signoff-hold.ts';

// Worded for the documents' readers; how to enable it is printed in the terminal only
// (reporters/policy-notes.ts, keyed on `active: false`).
const INACTIVE: ProbeResult = notApplicable(
  'not run: an active check (it changes the target), not enabled for this run',
  { active: false },
);

export class Engine {
  readonly ctx: RunContext;
  readonly #concurrency: number;
  readonly #controls = new Map<string, Control[]>();
  readonly #runs = new Map<string, CategoryRun>();
  readonly #settler: Settler;
  /** Checks not started yet, in order: plans, and the next target of the first one. */
  readonly #plans: Plan[] = [];
  #planHead = 0;
  #targetHead = 0;
  #active = 0;

  /** `--shard=i/n`: only the control × target pairs that fall to shard i (shard-of.ts). */
  readonly #shard: Shard | undefined;
  /** Whether this engine sees every result of the run, so it may settle sign-offs (signoff-hold.ts). */
  readonly #whole: boolean;

  /**
   * `narrowed`: the run is filtered by test name or tag (a partial run: sign-offs are not
   * compared, so the engine leaves them to the reporter).
   */
  constructor(policy: Policy, shard?: Shard, narrowed = false) {
    this.#shard = shard;
    this.#whole = !shard && !narrowed && !policy.custom?.length;
    this.ctx = new RunContext(policy, runOptionsFromEnv(), catalog);
    this.#concurrency = Math.max(1, this.ctx.options.concurrency);
    this.#settler = new Settler(policy, this.ctx.options.now);
    for (const control of policy.controls) {
      const list = this.#controls.get(control.category) ?? [];
      list.push(control);
      this.#controls.set(control.category, list);
    }
  }

  categories(): string[] {
    return [...this.#controls.keys()];
  }

  /**
   * Hands a category's run over to the caller (starting its checks if they were not already):
   * the engine keeps no reference, so results are freed once streamed to the worker.
   */
  take(category: string): CategoryRun {
    this.start(category);
    const run = this.#runs.get(category) as CategoryRun;
    if (run === TAKEN) throw new Error(`readyspec: category ${category} was already handed to a worker`);
    this.#runs.set(category, TAKEN);
    return run;
  }

  /** Starts a category's checks, once: starting it again (even once taken) does nothing. */
  start(category: string): void {
    if (this.#runs.has(category)) return;
    this.#queue([this.#planCategory(category)]);
  }

  /**
   * Starts every category, the smallest (fewest tests) first, and returns that order: the
   * worker runs the spec files in it too (see sequencer.ts), so small categories are done
   * while a large one is still probing instead of waiting behind its 50,000 checks.
   */
  startAll(): string[] {
    const everything = this.#runs.size === 0;
    const planned = this.categories()
      .filter((c) => !this.#runs.has(c))
      .map((category) => this.#planCategory(category));
    // Array.prototype.sort is stable: categories of one size keep the policy's order.
    planned.sort((a, b) => a.run.planned - b.run.planned);
    if (everything && this.#whole) {
      const plans = planned.flatMap((p) => p.plans);
      this.#settler.hold = new SignoffHold(
        plans.map((p) => ({ check: p.control.check, phase: p.control.phase, targets: p.targets.length })),
      );
    }
    this.#queue(planned);
    return planned.map((p) => p.category);
  }

  /** A category's run and its controls' plans, nothing started yet. */
  #planCategory(category: string): PlannedCategory {
    const run = new CategoryRun();
    const plans = (this.#controls.get(category) ?? []).map((control, seq) =>
      planControl(this.ctx, this.#shard, control, run, seq),
    );
    run.seal();
    return { category, run, plans };
  }

  /**
   * Records the runs and starts their checks, in the order given, collection checks first:
   * a category's tests can only be named once its collection checks are in.
   */
  #queue(planned: PlannedCategory[]): void {
    for (const p of planned) this.#runs.set(p.category, p.run);
    for (const p of planned) for (const plan of p.plans) if (plan.offset < 0) this.#plans.push(plan);
    for (const p of planned) for (const plan of p.plans) if (plan.offset >= 0) this.#plans.push(plan);
    this.#pump();
  }

  close(): Promise<void> {
    return this.ctx.close();
  }

  /** Starts checks, in plan order, until `concurrency` are in flight or none is left. */
  #pump(): void {
    while (this.#active < this.#concurrency && this.#planHead < this.#plans.length) {
      const plan = this.#plans[this.#planHead] as Plan;
      const t = this.#targetHead++;
      if (this.#targetHead >= plan.targets.length) {
        // A plan whose targets are all started is released: its run keeps only the results.
        this.#plans[this.#planHead++] = undefined as unknown as Plan;
        this.#targetHead = 0;
      }
      if (t >= plan.targets.length) continue; // a control that selected no target
      this.#active++;
      void this.#check(plan, t).then((found) => {
        this.#active--;
        this.#settler.settle(plan, t, found);
        this.#pump();
      });
    }
  }

  /** One check of one target; never rejects. */
  async #check(plan: Plan, t: number): Promise<Found> {
    const target = plan.targets[t] as Target;
    const started = performance.now();
    let result: ProbeResult;
    try {
      result = plan.enabled ? await this.ctx.measure(plan.probe, target, plan.params) : INACTIVE;
    } catch (err) {
      result = inconclusive(`${plan.probe.name} crashed: ${describeError(err)}`, { crashed: true });
    }
    const durationMs = plan.enabled ? Math.round(performance.now() - started) : 0;
    if (result.subjects && plan.offset >= 0)
      result = inconclusive(
        `${plan.probe.name} returned per-subject results but is not registered with subjects: true`,
        { crashed: true },
      );
    // The single choke point of every result: no secret form (policies/secrets.ts) leaves the
    // engine, so test titles, vitest's error messages, blob reports and documents hold none.
    return { result: redactResult(result, secretForms()), durationMs };
  }
}

/** Marks a category handed to a worker: starting it again would probe every target twice. */
const TAKEN = new CategoryRun();
