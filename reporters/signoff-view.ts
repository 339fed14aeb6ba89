/**
 * A phase's sign-off as one run's USER_ACCEPTANCE.md shows it: the verdict (the phase's
 * `acceptance.signoff` row when the policy has one, else the same judgement made here), the
 * block (verbatim from where the check reads it, else blank and prefilled with this run's
 * evidence) and where it came from. Pure; acceptance-docs.ts does the reading.
 */
import {
  emptyEvidence,
  type FoundSignoff,
  judgeSignoff,
  type SignoffEvidence,
  unreadableSignoff,
} from '../checks/acceptance/judge.ts';
import { describeError } from '../checks/probe.ts';
import type { PhaseEntry } from '../policies/types.ts';
import { code, outcomeLabel, table, text } from './format.ts';
import type { RowOutcome } from './meta.ts';
import type { RunReport } from './model.ts';
import { type CurrentEvidence, phaseDigest, settleSignoff } from './phase-digest.ts';
import { evidenceLabel, SIGNOFF_CHECK, signoffEntry, statusLabel } from './phases.ts';
import type { Row } from './rows.ts';
import { parseSignoff, renderSignoff, type Signoff, sameBlock } from './signoff.ts';

export interface SignoffView {
  outcome: RowOutcome;
  message: string;
  evidence: SignoffEvidence;
  /** The sign-off section this document carries. */
  block: string;
  /** Where the sign-off that counts is read from, as the reader should find it. */
  source: string;
  /** This copy keeps a sign-off a person wrote here that the check does not read. */
  stray?: string;
  /** The block is a person's text that is not the template's list: kept as written, not signed (path as shown). */
  unreadable?: { path: string; message: string };
  current: CurrentEvidence;
}

/** The phase's sign-off row: what the assessment lists for it. */
export function signoffRow(rows: Row[], phase: string): Row | undefined {
  return rows.find((r) => r.check === SIGNOFF_CHECK && (r.evidence.phase ?? r.target) === phase);
}

export interface ViewInput {
  /** Where this document is written. */
  path: string;
  /** The phase's sign-off as findPhaseSignoff found it, or why it could not. */
  found: FoundSignoff | Error;
  /** The document already at `path` (an earlier run today), if any. */
  existing?: string;
  /** A path as the reader should see it (relative to the working directory). */
  show?: (path: string) => string;
}

/** @example buildSignoffView(report, phase, { path, found, existing }) */
export function buildSignoffView(report: RunReport, phase: PhaseEntry, input: ViewInput): SignoffView {
  const show = input.show ?? ((p: string) => p);
  const current = {
    run: report.generatedAt,
    digest: phaseDigest(report.rows, phase.name),
    partial: report.partial === true,
  };
  const row = signoffRow(report.rows, phase.name);
  const { found } = input;
  const judged: { outcome: RowOutcome; message: string; evidence: SignoffEvidence } = row
    ? { outcome: row.outcome, message: row.message, evidence: row.evidence as unknown as SignoffEvidence }
    : found instanceof Error
      ? { outcome: 'error', message: describeError(found), evidence: emptyEvidence(phase.name) }
      : settleSignoff(judgeSignoff(phase, found, report.date, 'the reports folder'), current);
  const counts = found instanceof Error ? undefined : found.signoff;
  const here = input.existing === undefined ? undefined : parseSignoff(input.existing);
  const policyDoc = !(found instanceof Error) && found.source === 'policy' && found.path;
  const source = policyDoc
    ? `${code(show(policyDoc))}, the phase's own document named by the policy: sign there`
    : counts?.written && !(found instanceof Error) && found.path && found.path !== input.path
      ? `${code(show(found.path))}, the newest sign-off in the reports folder, carried into this document as written`
      : counts?.written
        ? 'this document'
        : 'no sign-off yet: fill in the block below';
  const view = { ...judged, source, current };
  const unread = (s: Signoff | undefined, path: string | false | undefined) =>
    s?.written && !s.filled && path
      ? { unreadable: { path: show(path), message: unreadableSignoff(phase.name, show(path)) } }
      : {};
  if (here?.written && !(counts && sameBlock(here.raw, counts.raw))) {
    // A person wrote in this copy: never overwritten (read or not), but the check reads elsewhere.
    const reads = policyDoc ? code(show(policyDoc)) : 'the newest sign-off in the reports folder';
    return { ...view, block: here.raw, stray: reads, ...unread(here, input.path) };
  }
  // A partial run's digest covers only what ran: never offered for a sign-off to approve.
  // Any text a person wrote is carried as written, even one the check cannot read.
  const from = found instanceof Error ? undefined : found.path;
  return {
    ...view,
    block: counts?.written ? counts.raw : renderSignoff(current.partial ? undefined : current),
    ...unread(counts, from),
  };
}

/** What a document shows for a phase before anything was read: this run's row, a blank block. */
export function unsignedView(report: RunReport, phase: PhaseEntry): SignoffView {
  return buildSignoffView(report, phase, {
    path: '',
    found: { source: 'reports' },
  });
}

/** One line for the document's header. */
export function signoffState(view: SignoffView): string {
  const e = signoffEntry(view.evidence, view.outcome);
  if (view.outcome === 'error') return `**cannot be read** — ${text(view.message)}`;
  const by = e.signer
    ? ` — ${text(e.signer)}, ${text(e.date || 'undated')}, ${text(e.decision || 'no decision')}`
    : '';
  return `${statusLabel(e.status)}${by}`;
}

/** The "Sign-off status" section: verdict, source, what was approved and what this run shows. */
export function renderSignoffStatus(view: SignoffView): string {
  const e = view.evidence;
  const notes: string[] = [];
  if (e.evidenceState === 'changed') {
    notes.push(
      `> **Evidence changed since sign-off.** ${text(e.signer ?? 'The signer')} approved run ${text(e.approvedRun ?? '(not recorded)')} with evidence ${code(e.approvedDigest ?? '')}; this run ${text(view.current.run)} has evidence ${code(view.current.digest)}. The sign-off below is kept as written and does not cover these results. To approve them, sign again with a new Date and this run's id and digest as Approved run and Evidence digest.`,
    );
  }
  if (view.unreadable) {
    notes.push(
      `> **The sign-off below could not be read.** It is kept exactly as written in ${code(view.unreadable.path)}, but it is not the template's list (\`- **Name:** …\`, \`- **Date:** YYYY-MM-DD\`, \`- **Decision:** accepted | conditional | rejected\`), so this phase is not signed until it is written in that form.`,
    );
  }
  if (view.stray) {
    notes.push(
      `> **The sign-off below was written in this copy and is not read.** The acceptance check reads ${view.stray}; copy the sign-off there to make it count.`,
    );
  }
  const approved = e.approvedDigest
    ? `run ${text(e.approvedRun ?? '(not recorded)')}, evidence ${code(e.approvedDigest)}`
    : e.signer
      ? '_not recorded by the sign-off_'
      : '—';
  // A table, not "- **Decision:**" bullets: a person filling in the block must not find these first.
  const facts = table(
    ['', 'Sign-off of this phase'],
    [
      ['State', statusLabel(e.status)],
      ['Read from', view.source],
      ['Signer', text(e.signer ?? '—')],
      ['Signed on', text(e.date ?? '—')],
      ['Decision', `${text(e.decision ?? '—')}${e.conditions ? ` (conditions: ${text(e.conditions)})` : ''}`],
      ['Approved', approved],
      [
        'This run',
        view.current.partial
          ? `${text(view.current.run)}, a partial run: its evidence is not compared`
          : `${text(view.current.run)}, evidence ${code(view.current.digest)}`,
      ],
      ['Evidence since sign-off', evidenceLabel(e.evidenceState)],
    ],
  );
  return [
    '## Sign-off status',
    ...notes,
    `**${outcomeLabel(view.outcome)}** — ${text(view.message)}`,
    facts,
  ].join('\n\n');
}
