/**
 * What a spec attaches to each test's `meta` and the grade reporter reads back. Plain JSON:
 * it crosses vitest's worker boundary and survives blob reports (`--merge-reports`).
 */
import type { Evidence, Outcome } from '../checks/probe.ts';
import type { Severity, TargetKind } from '../policies/types.ts';

/** The outcome after waivers: a failed control covered by a valid waiver is `waived`. */
export type RowOutcome = Outcome | 'waived';

export interface WaiverInfo {
  justification: string;
  owner: string;
  approver: string;
  expires: string;
  /** `lapsed`: the waiver expired, the control counts as unwaived and the report says so. */
  status: 'active' | 'lapsed';
}

export interface ControlMeta {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  check: string;
  target: string;
  /** The thing checked on the target, for a check over a collection (DESIGN.md, Subjects). */
  subject?: string;
  targetKind: TargetKind | 'custom';
  /** Blocks READY when it fails or cannot be evaluated. */
  blocking: boolean;
  phase?: string;
  tags?: string[];
  outcome: RowOutcome;
  message: string;
  evidence: Evidence;
  waiver?: WaiverInfo;
  remediation?: string;
  durationMs: number;
}

/** A control's fields that come from the policy: the same on every target. */
export type ControlStatics = Pick<
  ControlMeta,
  'title' | 'category' | 'severity' | 'check' | 'blocking' | 'phase' | 'tags' | 'remediation'
>;

/**
 * What the test of a policy control carries: only what was found on the target. The reporter
 * adds the statics from the policy, so 50,000 tests do not hold (and send between threads)
 * 50,000 copies of one title and remediation. Controls written in TypeScript carry it all.
 */
export type ProbedMeta = Omit<ControlMeta, keyof ControlStatics>;

export type TestMeta = ControlMeta | ProbedMeta;

export function isComplete(meta: TestMeta): meta is ControlMeta {
  return 'title' in meta;
}

// TaskMeta is declared in @vitest/runner (vitest re-exports it): augment it where it lives.
declare module '@vitest/runner' {
  interface TaskMeta {
    readyspec?: TestMeta;
  }
}
