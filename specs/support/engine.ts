/**
 * The probe engine of one run. It lives in vitest's main process (started by the global
 * setup), so probing overlaps with the worker's start-up and test bookkeeping, and so every
 * transport (one SSH connection per host, one HTTP pool) is shared by the whole run and closed
 * in the global teardown. Workers ask it for a category's plan and results (engine-server.ts).
 */

import type { SignoffEvidence } from '../../checks/acceptance/judge.ts';
import { catalogIndex as catalog } from '../../checks/catalog-index.ts';
import {
  describeError,
  inconclusive,
  type Json,
  notApplicable,
  type ProbeResult,
} from '../../checks/probe.ts';
import type { AnyProbe } from '../../checks/registry.ts';
import { secretForms } from '../../policies/secrets.ts';
import type { Target } from '../../policies/select.ts';
import type { Control, Policy, TargetKind } from '../../policies/types.ts';
import type { ProbedMeta } from '../../reporters/meta.ts';
import { settleSignoff } from '../../reporters/phase-digest.ts';
import { SIGNOFF_CHECK } from '../../reporters/phases.ts';
import { redactResult, redactText } from '../../reporters/redact.ts';
import { boundEvidence, boundMessage } from './bounded-result.ts';
import { CategoryRun } from './category-run.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';
import { inShard } from './shard-of.ts';
import type { Shard } from './shard-specs.ts';
import { SignoffHold } from './signoff-hold.ts';
import { subjectMetas } from './subject-metas.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';

/** One control's checks, started lazily: the engine holds a cursor, not 50,000 promises. */
interface Plan {
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

interface PlannedCategory {
  category: string;
  run: CategoryRun;
  plans: Plan[];
}

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
  readonly #waiver: ReturnType<typeof waiverLookup>;
  readonly #today: string;
  /**
   * Results are redacted in #check already; a cut string is redacted again first anyway, so a
   * cap can never leave half of a secret registered meanwhile (only strings over a cap pay).
   */
  readonly #redact = (text: string) => redactText(text, secretForms());
  /** Checks not started yet, in order: plans, and the next target of the first one. */
  readonly #plans: Plan[] = [];
  #planHead = 0;
  #targetHead = 0;
  #active = 0;

  /** `--shard=i/n`: only the control × target pairs that fall to shard i (shard-of.ts). */
  readonly #shard: Shard | undefined;
  /** Whether this engine sees every result of the run, so it may settle sign-offs (signoff-hold.ts). */
  readonly #whole: boolean;
  /** Sign-offs waiting for their phase's results; set once startAll planned every category. */
  #hold: SignoffHold | undefined;

  /**
   * `narrowed`: the run is filtered by test name or tag (a partial run: sign-offs are not
   * compared, so the engine leaves them to the reporter).
   */
  constructor(policy: Policy, shard?: Shard, narrowed = false) {
    this.#shard = shard;
    this.#whole = !shard && !narrowed && !policy.custom?.length;
    this.ctx = new RunContext(policy, runOptionsFromEnv(), catalog);
    this.#concurrency = Math.max(1, this.ctx.options.concurrency);
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
      this.#hold = new SignoffHold(
        plans.map((p) => ({ check: p.control.check, phase: p.control.phase, targets: p.targets.length })),
      );
    }
    this.#queue(planned);
    return planned.map((p) => p.category);
  }

  /** A category's run and its controls' plans, nothing started yet. */
  #planCategory(category: string): PlannedCategory {
    const run = new CategoryRun();
    const plans = (this.#controls.get(category) ?? []).map((control, seq) => this.#plan(control, run, seq));
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

  /** A control's checks on its targets; their titles are added to the run now. */
  #plan(control: Control, run: CategoryRun, seq: number): Plan {
    const probe = catalog.get(control.check);
    if (!probe)
      throw new Error(
        `control ${control.id}: unknown check ${control.check} (the loader should have refused it)`,
      );
    const selected = this.ctx.index.select(control, probe);
    const { kind } = selected;
    const shard = this.#shard;
    const targets = shard
      ? selected.targets.filter((t) => inShard(control.id, t.name, shard))
      : selected.targets;
    const collection = probe.subjects === true;
    const offset = collection ? -1 : run.titles.length;
    for (const target of targets) {
      if (collection) run.expectSubjects();
      else run.addTest(redactText(`${control.id} ${control.title} @ ${target.name}`, secretForms()));
    }
    const enabled = !probe.active || (control.active === true && this.ctx.options.active);
    return { run, control, probe, targets, kind, params: control.params ?? {}, enabled, seq, offset };
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
        this.#settle(plan, t, found);
        this.#pump();
      });
    }
  }

  /** A check's result to its test, or a collection check's results to one test per subject. */
  #settle(plan: Plan, t: number, found: Found): void {
    if (plan.offset >= 0) {
      const meta = this.#meta(plan, t, found.result, found.durationMs);
      if (this.#holdSignoff(plan, t, found, meta)) return;
      plan.run.settle(plan.offset + t, meta);
      this.#recordPhase(plan, [meta]);
      return;
    }
    const target = plan.targets[t] as Target;
    const head = redactText(`${plan.control.id} ${plan.control.title} @ ${target.name}`, secretForms());
    const tests = subjectMetas(found.result).map(({ subject, result }) => {
      const meta = this.#meta(plan, t, result, found.durationMs, subject);
      if (subject !== undefined) meta.subject = subject;
      return { title: subject === undefined ? head : `${head} › ${subject}`, meta };
    });
    plan.run.settleSubjects({ plan: plan.seq, target: t, tests });
    this.#recordPhase(
      plan,
      tests.map((test) => test.meta),
    );
  }

  /** A phase's result, for the digest its sign-offs are settled against. */
  #recordPhase(plan: Plan, metas: ProbedMeta[]): void {
    const phase = plan.control.phase;
    if (this.#hold && phase && plan.control.check !== SIGNOFF_CHECK) this.#hold.record(phase, metas);
  }

  /**
   * A sign-off's result waits for every other result of its phase, then is settled against
   * their digest before its test sees it. False when it is to be settled as it is (no hold, a
   * waiver covers it, no phase in its evidence).
   */
  #holdSignoff(plan: Plan, t: number, found: Found, meta: ProbedMeta): boolean {
    const hold = this.#hold;
    const e = found.result.evidence as SignoffEvidence | undefined;
    if (!hold || plan.control.check !== SIGNOFF_CHECK || meta.outcome === 'waived') return false;
    if (!e || typeof e !== 'object' || typeof e.phase !== 'string') return false;
    const run = this.ctx.options.now.toISOString();
    hold.whenSettled(e.phase, (digest) => {
      const judged = { outcome: found.result.outcome, message: found.result.message, evidence: e };
      const settled = settleSignoff(judged, { run, digest });
      const result = { ...found.result, ...settled } as ProbeResult;
      plan.run.settle(plan.offset + t, this.#meta(plan, t, result, found.durationMs));
    });
    return true;
  }

  /** A result as its test's meta, waived if a waiver covers it. */
  #meta(plan: Plan, t: number, result: ProbeResult, durationMs: number, subject?: string): ProbedMeta {
    const target = plan.targets[t] as Target;
    const waiver = this.#waiver(plan.control.id, target.name, subject);
    const waived = applyWaiver(result.outcome, waiver, this.#today);
    return {
      id: plan.control.id,
      target: target.name,
      targetKind: plan.kind,
      outcome: waived.outcome,
      // Bounded where results leave the probe: a 300 kB answer never reaches the documents.
      message: boundMessage(result.message, this.#redact),
      evidence: boundEvidence(result.evidence as Json | undefined, this.#redact) as ProbedMeta['evidence'],
      waiver: waived.waiver,
      durationMs,
    };
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

interface Found {
  result: ProbeResult;
  durationMs: number;
}

/** Marks a category handed to a worker: starting it again would probe every target twice. */
const TAKEN = new CategoryRun();
