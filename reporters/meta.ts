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

// TaskMeta is declared in @vitest/runner (vitest re-exports it): augment it where it lives.
declare module '@vitest/runner' {
  interface TaskMeta {
    readyspec?: ControlMeta;
  }
}
