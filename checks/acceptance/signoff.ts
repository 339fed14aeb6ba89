/**
 * A closed phase needs a person's decision on record: its sign-off (found by findPhaseSignoff,
 * the same function the reporter shows it with) filled with a name, a strict ISO date and a
 * decision. Whether the evidence it approved changed is settled by the reporter once the run's
 * results are all in (reporters/phase-digest.ts).
 */
import type { PhaseEntry } from '../../policies/types.ts';
import { fromError, type ProbeResult } from '../probe.ts';
import { findPhaseSignoff, type SignoffSources } from './find-document.ts';
import { emptyEvidence, judgeSignoff, type SignoffEvidence } from './judge.ts';

/**
 * Judges a phase's sign-off: accepted or conditional → pass, rejected or missing → fail, open
 * phase → not applicable, unreadable document → error.
 * @example await phaseSignoff({ name: 'phase-1', closed: true }, { reportsDir: 'reports', today: '2025-06-15' })
 */
export async function phaseSignoff(
  phase: PhaseEntry,
  where: SignoffSources,
): Promise<ProbeResult<SignoffEvidence>> {
  try {
    const found = await findPhaseSignoff(phase.name, where);
    return judgeSignoff(phase, found, where.today, where.reportsDir);
  } catch (err) {
    // An open phase owes no sign-off: what cannot be read there changes nothing.
    if (!phase.closed) return judgeSignoff(phase, { source: 'reports' }, where.today, where.reportsDir);
    const evidence = { ...emptyEvidence(phase.name), document: where.document ?? null };
    return fromError(err, evidence) as ProbeResult<SignoffEvidence>;
  }
}
