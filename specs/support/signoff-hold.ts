/**
 * Holds each `acceptance.signoff` result in the engine until every other result of its phase is
 * in, then settles it against the phase's digest (reporters/phase-digest.ts) before its test
 * reports: a sign-off whose evidence changed fails as a test too, so vitest's console, JUnit
 * and JSON say what the documents say. The reporter keeps a row settled here as it is.
 *
 * It can settle only when the engine sees every result of the run: not in one shard (the merge
 * settles), not in a run narrowed by -t or tags (partial: nothing is compared), not when the
 * policy has controls written in TypeScript (their results, maybe of a phase, are the worker's).
 */
import type { DigestEntry } from '../../reporters/phase-digest.ts';
import { evidenceDigest } from '../../reporters/phase-digest.ts';
import { SIGNOFF_CHECK } from '../../reporters/phases.ts';

/** A control's checks as the engine planned them: how many results a phase still waits for. */
export interface PlannedChecks {
  check: string;
  phase?: string;
  targets: number;
}

export class SignoffHold {
  /** Per phase: (control, target) checks not settled yet. */
  readonly #pending = new Map<string, number>();
  readonly #entries = new Map<string, DigestEntry[]>();
  readonly #held = new Map<string, Array<(digest: string) => void>>();

  constructor(plans: readonly PlannedChecks[]) {
    for (const plan of plans) {
      if (!plan.phase || plan.check === SIGNOFF_CHECK) continue;
      this.#pending.set(plan.phase, (this.#pending.get(plan.phase) ?? 0) + plan.targets);
    }
  }

  /** One check of a phase settled: its results (one per subject of a collection check). */
  record(phase: string, entries: readonly DigestEntry[]): void {
    const list = this.#entries.get(phase) ?? [];
    for (const e of entries)
      list.push({ id: e.id, target: e.target, subject: e.subject, outcome: e.outcome });
    this.#entries.set(phase, list);
    const left = (this.#pending.get(phase) ?? 1) - 1;
    this.#pending.set(phase, left);
    if (left > 0) return;
    const held = this.#held.get(phase) ?? [];
    this.#held.delete(phase);
    const digest = evidenceDigest(list);
    for (const release of held) release(digest);
  }

  /**
   * Calls `release` with the phase's digest once every result of the phase is in (at once when
   * they already are, or the phase has no other control).
   */
  whenSettled(phase: string, release: (digest: string) => void): void {
    if ((this.#pending.get(phase) ?? 0) <= 0) {
      release(evidenceDigest(this.#entries.get(phase) ?? []));
      return;
    }
    const held = this.#held.get(phase) ?? [];
    held.push(release);
    this.#held.set(phase, held);
  }
}
