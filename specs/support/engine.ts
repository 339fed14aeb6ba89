/**
 * The probe engine of one run. It lives in vitest's main process (started by the global
 * setup), so probing overlaps with the worker's start-up and test bookkeeping, and so every
 * transport (one SSH connection per host, one HTTP pool) is shared by the whole run and closed
 * in the global teardown. Workers ask it for a category's plan and results (engine-server.ts).
 */
import { catalogIndex as catalog } from '../../checks/catalog-index.ts';
import { notApplicable, type ProbeResult } from '../../checks/probe.ts';
import type { Control, Policy } from '../../policies/types.ts';
import type { ProbedMeta } from '../../reporters/meta.ts';
import { Limiter } from './limiter.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';

export interface CategoryRun {
  /** Test titles, in order: known at once, so a worker can define its tests. */
  titles: string[];
  /** One promise per title, resolving with the meta to attach (never rejecting). */
  results: Promise<ProbedMeta>[];
}

const INACTIVE: ProbeResult = notApplicable(
  'active check not enabled: set `active: true` on the control and READYSPEC_ACTIVE=1',
  { active: false },
);

export class Engine {
  readonly ctx: RunContext;
  readonly #limiter: Limiter;
  readonly #controls = new Map<string, Control[]>();
  readonly #runs = new Map<string, CategoryRun>();
  readonly #waiver: ReturnType<typeof waiverLookup>;
  readonly #today: string;

  constructor(policy: Policy) {
    this.ctx = new RunContext(policy, runOptionsFromEnv(), catalog);
    this.#limiter = new Limiter(this.ctx.options.concurrency);
    this.#waiver = waiverLookup(policy);
    this.#today = this.ctx.options.now.toISOString().slice(0, 10);
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
   * Hands a category's checks over to the caller (starting them if they were not already):
   * the engine keeps no reference, so results are freed once streamed to the worker.
   */
  take(category: string): CategoryRun {
    const run = this.category(category);
    this.#runs.delete(category);
    return run;
  }

  /** Starts a category's checks (once) and returns their titles and result promises. */
  category(category: string): CategoryRun {
    let run = this.#runs.get(category);
    if (!run) {
      run = { titles: [], results: [] };
      for (const control of this.#controls.get(category) ?? []) this.#plan(control, run);
      this.#runs.set(category, run);
    }
    return run;
  }

  close(): Promise<void> {
    return this.ctx.close();
  }

  #plan(control: Control, run: CategoryRun): void {
    const probe = catalog.get(control.check);
    if (!probe)
      throw new Error(
        `control ${control.id}: unknown check ${control.check} (the loader should have refused it)`,
      );
    const { targets, kind } = this.ctx.index.select(control, probe);
    const params = control.params ?? {};
    const enabled = !probe.active || (control.active === true && this.ctx.options.active);
    for (const target of targets) {
      run.titles.push(`${control.id} ${control.title} @ ${target.name}`);
      const measured = enabled
        ? this.#limiter.run(async () => {
            const started = performance.now();
            const result = await this.ctx.measure(probe, target, params);
            return { result, durationMs: Math.round(performance.now() - started) };
          })
        : Promise.resolve({ result: INACTIVE, durationMs: 0 });
      run.results.push(
        measured.then(({ result, durationMs }): ProbedMeta => {
          const waived = applyWaiver(result.outcome, this.#waiver(control.id, target.name), this.#today);
          return {
            id: control.id,
            target: target.name,
            targetKind: kind,
            outcome: waived.outcome,
            message: result.message,
            evidence: result.evidence,
            waiver: waived.waiver,
            durationMs,
          };
        }),
      );
    }
  }
}
