/**
 * A closed phase needs a person's decision on record: USER_ACCEPTANCE.md with a filled
 * sign-off (name, date, decision). Read with the reporter's own sign-off parser, so what the
 * reporter keeps and what this probe reads are the same block.
 */
import { readFile } from 'node:fs/promises';
import type { PhaseEntry } from '../../policies/types.ts';
import { parseSignoff, type Signoff } from '../../reporters/signoff.ts';
import { fail, fromError, notApplicable, type ProbeResult, pass } from '../probe.ts';
import { type AcceptanceDocument, generatedDocuments } from './find-document.ts';

/** `open`: the phase is not closed, so no sign-off is due (the reporter must not list it as awaiting). */
export type SignoffStatus = 'signed' | 'awaiting' | 'conditional' | 'rejected' | 'open';

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
}

/** Where to look: the phase's own document (policy-resolved), else the reports directory. */
export interface SignoffSources {
  document?: string;
  reportsDir: string;
}

/** What is missing from a sign-off before it counts, or nothing. */
function incomplete(s: Signoff): string[] {
  const missing: string[] = [];
  if (!s.name) missing.push('name');
  if (!s.date || Number.isNaN(Date.parse(s.date))) missing.push('a date');
  if (!s.valid) missing.push('a decision (accepted, conditional or rejected)');
  else if (s.decision === 'conditional' && !s.conditions)
    missing.push('the conditions of the conditional acceptance');
  return missing;
}

/**
 * Judges a phase's sign-off: accepted or conditional → pass, rejected or missing → fail, open phase → not applicable.
 * @example await phaseSignoff({ name: 'phase-1', closed: true }, { reportsDir: 'reports' })
 */
export async function phaseSignoff(
  phase: PhaseEntry,
  where: SignoffSources,
): Promise<ProbeResult<SignoffEvidence>> {
  const evidence: SignoffEvidence = {
    phase: phase.name,
    status: 'awaiting',
    decision: null,
    conditions: null,
    signer: null,
    date: null,
    document: null,
  };
  if (!phase.closed) {
    return notApplicable(`phase ${phase.name} is open: no sign-off due yet`, { ...evidence, status: 'open' });
  }
  let documents: AcceptanceDocument[];
  try {
    documents = where.document
      ? [{ path: where.document, text: await readFile(where.document, 'utf8') }]
      : await generatedDocuments(where.reportsDir, phase.name);
  } catch (err) {
    return fromError(err, evidence) as ProbeResult<SignoffEvidence>;
  }
  if (!documents.length) {
    return fail(
      `phase ${phase.name} is closed but has no USER_ACCEPTANCE.md under ${where.reportsDir}`,
      evidence,
    );
  }
  // Later runs regenerate an unsigned document beside the signed one: the newest signed one counts.
  const signed = documents.map((d) => ({ d, s: parseSignoff(d.text) })).find((x) => x.s?.filled);
  const chosen = signed ?? { d: documents[0], s: parseSignoff(documents[0].text) };
  evidence.document = chosen.d.path;
  const s = chosen.s;
  if (!s?.filled) return fail(`phase ${phase.name} awaits sign-off in ${chosen.d.path}`, evidence);
  Object.assign(evidence, {
    decision: s.decision || null,
    conditions: s.conditions || null,
    signer: s.role ? `${s.name} (${s.role})` : s.name || null,
    date: s.date || null,
  });
  const missing = incomplete(s);
  if (missing.length) {
    return fail(
      `phase ${phase.name}: the sign-off in ${chosen.d.path} lacks ${missing.join(', ')}`,
      evidence,
    );
  }
  const by = `${s.name} on ${s.date}`;
  if (s.decision === 'rejected') {
    evidence.status = 'rejected';
    return fail(
      `phase ${phase.name} was rejected by ${by}${s.conditions ? `: ${s.conditions}` : ''}`,
      evidence,
    );
  }
  if (s.decision === 'conditional') {
    evidence.status = 'conditional';
    return pass(`phase ${phase.name} accepted with conditions by ${by}: ${s.conditions}`, evidence);
  }
  evidence.status = 'signed';
  return pass(`phase ${phase.name} accepted by ${by}`, evidence);
}
