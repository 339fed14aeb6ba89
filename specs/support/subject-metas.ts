/**
 * A collection check's result as the tests it becomes: one per subject, or one for the whole
 * target when there is no subject to name (the collection could not be read, or was empty).
 */
import type { ProbeResult } from '../../checks/probe.ts';

export interface SubjectEntry {
  subject?: string;
  result: ProbeResult;
}

export function subjectMetas(result: ProbeResult): SubjectEntry[] {
  const subjects = result.subjects;
  if (!subjects?.length) return [{ result: withoutSubjects(result) }];
  const seen = new Map<string, number>();
  return subjects.map((s) => {
    // Two subjects of one name would be one row in history and documents: number the repeats.
    const n = (seen.get(s.subject) ?? 0) + 1;
    seen.set(s.subject, n);
    const name = n === 1 ? s.subject : `${s.subject} (${n})`;
    // Where the collection was read, unless the subject says where it was read itself.
    const source = s.evidence.source ?? result.evidence.source;
    const evidence = source === undefined ? s.evidence : { source, ...s.evidence };
    return { subject: name, result: { outcome: s.outcome, message: s.message, evidence } };
  });
}

function withoutSubjects(result: ProbeResult): ProbeResult {
  if (!result.subjects) return result;
  return { outcome: result.outcome, message: result.message, evidence: result.evidence };
}
