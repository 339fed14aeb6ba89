/**
 * "Phases and sign-off": built from the results of `acceptance.signoff` controls, whose
 * evidence carries phase, status, decision, conditions, signer, date and what the sign-off
 * approved against this run's evidence (settled in phase-digest.ts).
 */
import type { Json } from '../checks/probe.ts';
import { code, doc, list, table, text } from './format.ts';
import type { Row } from './rows.ts';

export const SIGNOFF_CHECK = 'acceptance.signoff';

function str(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** How a document names a sign-off status: never plain "signed" when the evidence moved on. */
export function statusLabel(status: string): string {
  if (status === 'evidence-changed') return '**evidence changed since sign-off**';
  if (status === 'awaiting') return 'awaiting sign-off';
  if (status === 'open') return 'open (no sign-off due)';
  return status || '—';
}

/** How a document names the evidence a sign-off approved, against this run's. */
export function evidenceLabel(state: string | null | undefined): string {
  if (state === 'changed') return '**changed since sign-off**';
  if (state === 'unchanged') return 'unchanged since sign-off';
  if (state === 'not recorded') return 'not recorded by the sign-off';
  if (state === 'not compared') return 'not compared';
  return '—';
}

export interface SignoffEntry {
  phase: string;
  status: string;
  decision: string;
  conditions: string;
  signer: string;
  date: string;
  approvedRun: string;
  approvedDigest: string;
  currentRun: string;
  currentDigest: string;
  evidenceState: string;
}

/** A sign-off row's evidence as strings (older results carry fewer fields). */
export function signoffEntry(e: Record<string, Json>, outcome: string, target = ''): SignoffEntry {
  return {
    phase: str(e.phase) || target,
    status: str(e.status) || (outcome === 'pass' ? 'signed' : 'awaiting'),
    decision: str(e.decision),
    conditions: str(e.conditions),
    signer: str(e.signer),
    date: str(e.date),
    approvedRun: str(e.approvedRun),
    approvedDigest: str(e.approvedDigest),
    currentRun: str(e.currentRun),
    currentDigest: str(e.currentDigest),
    evidenceState: str(e.evidenceState),
  };
}

function changeLine(e: SignoffEntry): string {
  return `${text(e.phase)}: ${text(e.signer || 'the signer')} approved run ${text(e.approvedRun || '(not recorded)')} with evidence ${code(e.approvedDigest)}; this run ${text(e.currentRun)} has ${code(e.currentDigest)}`;
}

export function renderPhases(rows: Row[]): string {
  const signoffs = rows.filter((r) => r.check === SIGNOFF_CHECK);
  if (signoffs.length === 0) return '## Phases and sign-off\n\n_No sign-off controls in this policy._';
  const entries = signoffs.map((r) => signoffEntry(r.evidence as Record<string, Json>, r.outcome, r.target));
  const overview = table(
    ['Phase', 'Status', 'Signer', 'Date', 'Decision', 'Conditions', 'Approved run', 'Evidence'],
    entries.map((e) => [
      text(e.phase),
      statusLabel(e.status),
      text(e.signer),
      text(e.date),
      text(e.decision),
      text(e.conditions),
      text(e.approvedRun),
      e.signer ? evidenceLabel(e.evidenceState || null) : '',
    ]),
  );
  const awaiting = entries
    .filter((e) => e.status === 'awaiting' || e.status === 'evidence-changed')
    .map((e) =>
      e.status === 'evidence-changed' ? `${text(e.phase)} (evidence changed since sign-off)` : text(e.phase),
    );
  const changed = entries.filter((e) => e.evidenceState === 'changed').map(changeLine);
  const conditional = entries
    .filter((e) => e.status === 'conditional')
    .map((e) => `${text(e.phase)}: ${text(e.conditions || 'no conditions written')}`);
  return doc([
    '## Phases and sign-off',
    overview,
    `### Awaiting sign-off\n\n${list(awaiting, 'None.')}`,
    `### Evidence changed since sign-off\n\n${list(changed, 'None.')}`,
    `### Conditions of conditional acceptances\n\n${list(conditional, 'None.')}`,
  ]).trimEnd();
}
