/**
 * A finished check into what its tests see: one meta per test (one per subject for a collection
 * check), waived where a waiver covers it, bounded and redacted, and a sign-off held until every
 * other result of its phase is in (signoff-hold.ts).
 */
import type { SignoffEvidence } from '../../checks/acceptance/judge.ts';
import type { Json, ProbeResult } from '../../checks/probe.ts';
import { secretForms } from '../../policies/secrets.ts';
import type { Target } from '../../policies/select.ts';
import type { Policy } from '../../policies/types.ts';
import type { ProbedMeta } from '../../reporters/meta.ts';
import { settleSignoff } from '../../reporters/phase-digest.ts';
import { SIGNOFF_CHECK } from '../../reporters/phases.ts';
import { redactText } from '../../reporters/redact.ts';
import { boundEvidence, boundMessage } from './bounded-result.ts';
import { type Found, type Plan, testTitle } from './engine-plan.ts';
import type { SignoffHold } from './signoff-hold.ts';
import { subjectMetas } from './subject-metas.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';

export class Settler {
  readonly #waiver: ReturnType<typeof waiverLookup>;
  readonly #now: Date;
  readonly #today: string;
  /**
   * Results are redacted in the engine's check already; a cut string is redacted again first
   * anyway, so a cap can never leave half of a secret registered meanwhile (only strings over a
   * cap pay).
   */
  readonly #redact = (text: string) => redactText(text, secretForms());
  /** Sign-offs waiting for their phase's results; set when the engine planned every category. */
  hold: SignoffHold | undefined;

  constructor(policy: Policy, now: Date) {
    this.#waiver = waiverLookup(policy);
    this.#now = now;
    this.#today = now.toISOString().slice(0, 10);
  }

  /** A check's result to its test, or a collection check's results to one test per subject. */
  settle(plan: Plan, t: number, found: Found): void {
    if (plan.offset >= 0) {
      const meta = this.#meta(plan, t, found.result, found.durationMs);
      if (this.#holdSignoff(plan, t, found, meta)) return;
      plan.run.settle(plan.offset + t, meta);
      this.#recordPhase(plan, [meta]);
      return;
    }
    const head = testTitle(plan.control, plan.targets[t] as Target);
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
    if (this.hold && phase && plan.control.check !== SIGNOFF_CHECK) this.hold.record(phase, metas);
  }

  /**
   * A sign-off's result waits for every other result of its phase, then is settled against
   * their digest before its test sees it. False when it is to be settled as it is (no hold, a
   * waiver covers it, no phase in its evidence).
   */
  #holdSignoff(plan: Plan, t: number, found: Found, meta: ProbedMeta): boolean {
    const hold = this.hold;
    const e = found.result.evidence as SignoffEvidence | undefined;
    if (!hold || plan.control.check !== SIGNOFF_CHECK || meta.outcome === 'waived') return false;
    if (!e || typeof e !== 'object' || typeof e.phase !== 'string') return false;
    const run = this.#now.toISOString();
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
}
