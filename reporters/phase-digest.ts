/**
 * What a sign-off approved, and whether it still holds: a digest of a phase's results (control,
 * target, subject, outcome of every row of the phase; no message, timestamp or duration, which
 * change from run to run without the verdict changing), and the step that compares the digest
 * a sign-off recorded with this run's. Pure; runs once all results are in, before scoring.
 */
import { createHash } from 'node:crypto';
import type { SignoffEvidence } from '../checks/acceptance/judge.ts';
import type { ProbeResult } from '../checks/probe.ts';
import { SIGNOFF_CHECK } from './phases.ts';
import type { Row } from './rows.ts';
import type { ApprovedEvidence } from './signoff.ts';

type Judged = Pick<ProbeResult<SignoffEvidence>, 'outcome' | 'message' | 'evidence'>;

/** This run's evidence; `partial`: the run did not run the whole policy (partial.ts). */
export type CurrentEvidence = ApprovedEvidence & { partial?: boolean };

/** A sign-off row judges the phase; it is not part of what the phase approves. */
function isPhaseResult(row: Row, phase: string): boolean {
  return row.phase === phase && row.check !== SIGNOFF_CHECK;
}

/** What a phase's digest covers of one result: the engine digests its results with it too. */
export type DigestEntry = Pick<Row, 'id' | 'target' | 'subject' | 'outcome'>;

/**
 * The digest of a phase's results, given as they are (the engine's before any test reports).
 * @example evidenceDigest([{ id: 'OPS-001', target: 'prom', outcome: 'pass' }])
 */
export function evidenceDigest(rows: readonly DigestEntry[]): string {
  const lines = rows.map((r) => JSON.stringify([r.id, r.target, r.subject ?? null, r.outcome])).sort();
  return `sha256:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

/**
 * The digest of a phase's results in a run.
 * @example phaseDigest(report.rows, 'go-live') // 'sha256:3f1c0a9e5b7d2c48'
 */
export function phaseDigest(rows: Row[], phase: string): string {
  return evidenceDigest(rows.filter((r) => isPhaseResult(r, phase)));
}

/**
 * A judged sign-off against the run's evidence: an accepted or conditional sign-off whose
 * recorded digest differs from this run's is no longer a pass, and says so with both digests
 * and both runs. A partial run holds only some of the phase's results: its digest says nothing
 * about the evidence, so it is not compared (never "evidence changed"). Already settled
 * evidence is returned as it is.
 * @example settleSignoff(judged, { run: report.generatedAt, digest: phaseDigest(rows, 'go-live') })
 */
export function settleSignoff(judged: Judged, current: CurrentEvidence): Judged {
  const e = judged.evidence;
  // Only a complete sign-off approved something; an awaiting or unreadable one has nothing to compare.
  const decided = e.status === 'signed' || e.status === 'conditional' || e.status === 'rejected';
  if (!decided || e.currentRun || judged.outcome === 'error') return judged;
  if (current.partial && e.approvedDigest) {
    return {
      ...judged,
      message: `${judged.message} (a partial run: not every result of the phase ran, so the evidence the sign-off approved is not compared)`,
      evidence: { ...e, currentRun: current.run, currentDigest: null, evidenceState: 'not compared' },
    };
  }
  const evidence: SignoffEvidence = { ...e, currentRun: current.run, currentDigest: current.digest };
  const signedBy = `${e.signer ?? 'the signer'} on ${e.date ?? 'an unknown date'}`;
  if (!e.approvedDigest) {
    evidence.evidenceState = 'not recorded';
    return {
      ...judged,
      message: `${judged.message} (the sign-off does not record which evidence it approved: no evidence digest)`,
      evidence,
    };
  }
  const approved = `run ${e.approvedRun ?? '(not recorded)'}, evidence ${e.approvedDigest}`;
  if (e.approvedDigest === current.digest) {
    evidence.evidenceState = 'unchanged';
    return {
      ...judged,
      message: `${judged.message}; evidence unchanged since sign-off (${approved})`,
      evidence,
    };
  }
  evidence.evidenceState = 'changed';
  const change = `evidence changed since sign-off: ${signedBy} approved ${approved}; this run ${current.run} has evidence ${current.digest}`;
  if (e.status === 'signed' || e.status === 'conditional') {
    evidence.status = 'evidence-changed';
    return {
      outcome: 'fail',
      message: `phase ${e.phase}: ${change}. The ${e.decision} sign-off no longer covers these results: a new sign-off is needed`,
      evidence,
    };
  }
  return { ...judged, message: `${judged.message}; ${change}`, evidence };
}

/**
 * Every `acceptance.signoff` row settled against the digest of its phase in this run; other rows
 * as they are. A waived row stays waived (its waiver decides, not the sign-off).
 * @example const rows = settleSignoffRows(collected, now.toISOString(), Boolean(options.partial))
 */
export function settleSignoffRows(rows: Row[], run: string, partial = false): Row[] {
  if (!rows.some((r) => r.check === SIGNOFF_CHECK)) return rows;
  const digests = new Map<string, string>();
  return rows.map((row) => {
    if (row.check !== SIGNOFF_CHECK || row.outcome === 'waived') return row;
    const e = row.evidence as unknown as SignoffEvidence;
    if (!e || typeof e !== 'object' || typeof e.phase !== 'string') return row;
    let digest = digests.get(e.phase);
    if (digest === undefined) {
      digest = phaseDigest(rows, e.phase);
      digests.set(e.phase, digest);
    }
    const settled = settleSignoff(
      { outcome: row.outcome, message: row.message, evidence: e },
      { run, digest, partial },
    );
    if (settled.evidence === e) return row;
    return { ...row, outcome: settled.outcome, message: settled.message, evidence: settled.evidence };
  });
}
