/**
 * The probe contract. A probe reads a target through a transport and returns data:
 * an outcome, a one-line message and plain-JSON evidence. It never throws because of the
 * target's state (unreachable, refused, malformed answer → `error`); it throws only for
 * programmer mistakes.
 */

export type Outcome = 'pass' | 'fail' | 'error' | 'not-applicable';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a probe saw: the observed value, what was expected, and where it was read. */
export interface Evidence {
  observed?: Json;
  expected?: Json;
  /** Where the value was read: a URL, `host:command`, a file path. */
  source?: string;
  [key: string]: Json | undefined;
}

export interface ProbeResult<E extends Evidence = Evidence> {
  outcome: Outcome;
  message: string;
  evidence: E;
  /**
   * One result per thing checked (container, scrape target, socket, tracked file…), for a
   * check over a collection on its target (DESIGN.md, Subjects). Each becomes its own test,
   * row and document line, `CONTROL @ target › subject`; the outcome, message and evidence
   * above then only summarise them. Absent for a check about the target as a whole, and for a
   * collection check that could not read its collection (one `error` for the target).
   * Only probes registered with `subjects: true` may return it.
   */
  subjects?: SubjectResult[];
}

/** The verdict on one subject of a collection check. */
export interface SubjectResult<E extends Evidence = Evidence> {
  /** The subject's name as the target knows it: a container name, `job/instance`, `tcp 0.0.0.0:22`. */
  subject: string;
  outcome: Outcome;
  message: string;
  evidence: E;
}

export function pass<E extends Evidence>(message: string, evidence: E): ProbeResult<E> {
  return { outcome: 'pass', message, evidence };
}

export function fail<E extends Evidence>(message: string, evidence: E): ProbeResult<E> {
  return { outcome: 'fail', message, evidence };
}

/** Could not evaluate: unreachable, timeout, permission, malformed answer. */
export function inconclusive<E extends Evidence>(message: string, evidence: E): ProbeResult<E> {
  return { outcome: 'error', message, evidence };
}

export function notApplicable<E extends Evidence>(message: string, evidence: E): ProbeResult<E> {
  return { outcome: 'not-applicable', message, evidence };
}

/** A subject's verdict from a result built with pass/fail/inconclusive/notApplicable. */
export function subject<E extends Evidence>(name: string, result: ProbeResult<E>): SubjectResult<E> {
  return { subject: name, outcome: result.outcome, message: result.message, evidence: result.evidence };
}

/** The summary outcome of a set of subjects: any fail, else any error, else any pass, else n/a. */
export function worstOutcome(outcomes: Iterable<Outcome>): Outcome {
  let seen = 0;
  for (const o of outcomes) seen |= OUTCOME_BIT[o];
  if (seen & OUTCOME_BIT.fail) return 'fail';
  if (seen & OUTCOME_BIT.error) return 'error';
  if (seen & OUTCOME_BIT.pass) return 'pass';
  return 'not-applicable';
}

const OUTCOME_BIT: Record<Outcome, number> = { fail: 1, error: 2, pass: 4, 'not-applicable': 8 };

/**
 * A collection check's result: one verdict per subject, summarised. `noun` names the
 * subjects in the summary ("containers", "scrape targets"). With no subjects the check had
 * nothing to judge: `not-applicable`, never a pass.
 * @example perSubject('web-1', 'containers', [subject('db', pass('db: healthy', {}))], { source })
 */
export function perSubject(
  target: string,
  noun: string,
  subjects: SubjectResult[],
  evidence: Evidence = {},
): ProbeResult {
  const counts = { pass: 0, fail: 0, error: 0, 'not-applicable': 0 } as Record<Outcome, number>;
  for (const s of subjects) counts[s.outcome]++;
  const summary = { ...evidence, subjects: subjects.length, failed: counts.fail, inconclusive: counts.error };
  if (subjects.length === 0) return notApplicable(`${target}: no ${noun} to check`, summary);
  const outcome = worstOutcome(subjects.map((s) => s.outcome));
  const parts = [`${counts.pass} of ${subjects.length} ${noun} pass`];
  if (counts.fail) parts.push(`${counts.fail} fail`);
  if (counts.error) parts.push(`${counts.error} could not be evaluated`);
  return { outcome, message: `${target}: ${parts.join(', ')}`, evidence: summary, subjects };
}

/** Turns a transport failure into an `error` result that names the cause. */
export function fromError(err: unknown, evidence: Evidence = {}): ProbeResult {
  return inconclusive(describeError(err), { ...evidence, error: describeError(err) });
}

/** One line that says what went wrong, following `cause` chains (undici, ssh2 and fs all nest them). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as NodeJS.ErrnoException).code;
      const text = code && !current.message.includes(code) ? `${current.message} (${code})` : current.message;
      if (text && !parts.some((p) => p.includes(text))) parts.push(text);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ') || 'unknown error';
}
