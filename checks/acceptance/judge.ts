/**
 * The verdict on a phase's sign-off, from the document it was read from. Pure: the acceptance
 * check and the reporter both judge with it, so the assessment and USER_ACCEPTANCE.md cannot
 * disagree on who signed and what state the phase is in.
 */
import type { PhaseEntry } from '../../policies/types.ts';
import { dateProblem } from '../../reporters/iso-date.ts';
import { fieldLabel, type Signoff } from '../../reporters/signoff.ts';
import { fail, inconclusive, notApplicable, type ProbeResult, pass } from '../probe.ts';

/**
 * `open`: the phase is not closed, so no sign-off is due (the reporter must not list it as awaiting).
 * `evidence-changed`: accepted, but the phase's results differ from the ones the signer approved.
 */
export type SignoffStatus = 'signed' | 'awaiting' | 'conditional' | 'rejected' | 'open' | 'evidence-changed';

/**
 * What the evidence of the phase's results is, against what the sign-off approved:
 * `not compared` until the reporter has the run's results (see reporters/phase-digest.ts).
 */
export type EvidenceState = 'unchanged' | 'changed' | 'not recorded' | 'not compared';

/** What the reporter lists: phases awaiting sign-off and the conditions of conditional ones. */
export interface SignoffEvidence {
  [key: string]: string | null;
  phase: string;
  status: SignoffStatus;
  decision: string | null;
  conditions: string | null;
  signer: string | null;
  date: string | null;
  document: string | null;
  approvedRun: string | null;
  approvedDigest: string | null;
  currentRun: string | null;
  currentDigest: string | null;
  evidenceState: EvidenceState | null;
}

/** Where a phase's sign-off was read from. */
export interface FoundSignoff {
  /** `policy`: the document the phase names; `reports`: the newest one the reporter wrote. */
  source: 'policy' | 'reports';
  /** The document read; undefined when the reports folder holds none for this phase. */
  path?: string;
  /** Undefined when the document has no sign-off section. */
  signoff?: Signoff;
}

const DIGEST = /^sha256:[0-9a-f]{16,64}$/;

/** What makes a filled sign-off not count yet: missing fields, then wrong ones naming the field. */
function problems(s: Signoff, path: string, today: string): string | undefined {
  const field = (f: Parameters<typeof fieldLabel>[0], value: string, why: string) =>
    `field "${fieldLabel(f)}" ${JSON.stringify(value)} ${why}`;
  const missing: string[] = [];
  const wrong: string[] = [];
  if (!s.name) missing.push('a name');
  if (!s.date) missing.push('a date');
  else {
    const bad = dateProblem(s.date, today);
    if (bad) wrong.push(field('date', s.date, bad));
  }
  if (!s.decision) missing.push('a decision (accepted, conditional or rejected)');
  else if (!s.valid) wrong.push(field('decision', s.decision, 'is not accepted, conditional or rejected'));
  else if (s.decision === 'conditional' && !s.conditions)
    missing.push('the conditions of the conditional acceptance');
  if (s.evidenceDigest && !DIGEST.test(s.evidenceDigest))
    wrong.push(field('evidenceDigest', s.evidenceDigest, 'is not a digest readyspec wrote (sha256:…)'));
  if (!missing.length && !wrong.length) return undefined;
  const parts = [missing.length ? `lacks ${missing.join(', ')}` : '', ...wrong].filter(Boolean);
  return `the sign-off in ${path}: ${parts.join('; ')}`;
}

/**
 * Why a sign-off a person wrote does not count: it is not the template's list. One sentence
 * for the check's message and the run's warning.
 */
export function unreadableSignoff(phase: string, path: string): string {
  return `the sign-off of phase ${phase} in ${path} could not be read: write it as the template's list (- **Name:** …, - **Date:** YYYY-MM-DD, - **Decision:** accepted | conditional | rejected); it is kept as written and the phase is not signed`;
}

function signerOf(s: Signoff): string | null {
  return s.role ? `${s.name} (${s.role})` : s.name || null;
}

/** The evidence of a phase before anything is read. */
export function emptyEvidence(phase: string): SignoffEvidence {
  return {
    phase,
    status: 'awaiting',
    decision: null,
    conditions: null,
    signer: null,
    date: null,
    document: null,
    approvedRun: null,
    approvedDigest: null,
    currentRun: null,
    currentDigest: null,
    evidenceState: null,
  };
}

/**
 * Accepted or conditional → pass; rejected, missing or incomplete → fail; open phase → not applicable.
 * `today` is the run's date in the rubric's time zone: a sign-off cannot be dated after it.
 * @example judgeSignoff({ name: 'go-live', closed: true }, { source: 'reports' }, '2025-06-15', 'reports')
 */
export function judgeSignoff(
  phase: PhaseEntry,
  found: FoundSignoff,
  today: string,
  reportsDir: string,
): ProbeResult<SignoffEvidence> {
  const evidence = emptyEvidence(phase.name);
  const name = phase.name;
  const s = found.signoff;
  if (!phase.closed) {
    // Nothing is due, but a sign-off already written is shown as written, not hidden.
    const early = s?.filled
      ? {
          signer: signerOf(s),
          date: s.date || null,
          decision: s.decision || null,
        }
      : {};
    return notApplicable(`phase ${name} is open: no sign-off due yet`, {
      ...evidence,
      ...early,
      document: s?.filled ? (found.path ?? null) : null,
      status: 'open',
    });
  }
  if (!found.path)
    return fail(`phase ${name} is closed but has no USER_ACCEPTANCE.md under ${reportsDir}`, evidence);
  evidence.document = found.path;
  if (s?.written && !s.filled) return inconclusive(unreadableSignoff(name, found.path), evidence);
  if (!s?.filled) return fail(`phase ${name} awaits sign-off in ${found.path}`, evidence);
  Object.assign(evidence, {
    decision: s.decision || null,
    conditions: s.conditions || null,
    signer: signerOf(s),
    date: s.date || null,
    approvedRun: s.approvedRun || null,
    approvedDigest: s.evidenceDigest || null,
    evidenceState: s.evidenceDigest ? 'not compared' : 'not recorded',
  });
  const wrong = problems(s, found.path, today);
  if (wrong) return fail(`phase ${name}: ${wrong}`, { ...evidence, evidenceState: null });
  const by = `${s.name} on ${s.date}`;
  if (s.decision === 'rejected') {
    evidence.status = 'rejected';
    return fail(`phase ${name} was rejected by ${by}${s.conditions ? `: ${s.conditions}` : ''}`, evidence);
  }
  if (s.decision === 'conditional') {
    evidence.status = 'conditional';
    return pass(`phase ${name} accepted with conditions by ${by}: ${s.conditions}`, evidence);
  }
  evidence.status = 'signed';
  return pass(`phase ${name} accepted by ${by}`, evidence);
}
