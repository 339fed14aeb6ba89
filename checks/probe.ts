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
