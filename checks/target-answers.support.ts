/**
 * What the target-answer fuzzers share (target-answers-http / target-answers-commands
 * .property.test.ts): the planted secret and the forms a target might echo it in, and the
 * soundness every generated case must show — an outcome, in time, and once the engine
 * bounded and redacted the result (boundMessage / boundEvidence over the registered secret
 * forms), no planted secret, in any form it was registered with, left in message or evidence.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { secretForms } from '../policies/secrets.ts';
import { redactResult, redactText } from '../reporters/redact.ts';
import { boundEvidence, boundMessage } from '../specs/support/bounded-result.ts';
import type { Json, ProbeResult } from './probe.ts';

export const SECRET = 'Planted-S3cret-7c1e9a42';
const OUTCOMES = ['pass', 'fail', 'error', 'not-applicable'];

/** The secret as a target might echo it: plain, or in one of the forms it is registered with. */
export const secretForm = fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => {
  const forms = secretForms();
  return forms[i % forms.length] ?? SECRET;
});
export const planted = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, secretForm, fc.nat(), fc.boolean())
    .map(([t, s, at, plant]) =>
      plant ? `${t.slice(0, at % (t.length + 1))}${s}${t.slice(at % (t.length + 1))}` : t,
    );
export const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

/** What the engine keeps of a result: redacted, then bounded, exactly as specs/support/engine.ts does. */
export function kept(raw: ProbeResult): string {
  const redact = (text: string) => redactText(text, secretForms());
  const result = redactResult(raw, secretForms());
  const subjects = (result.subjects ?? []).map((s) => ({
    subject: s.subject,
    message: boundMessage(s.message, redact),
    evidence: boundEvidence(s.evidence as Json | undefined, redact),
  }));
  return JSON.stringify({
    message: boundMessage(result.message, redact),
    evidence: boundEvidence(result.evidence as Json | undefined, redact),
    subjects,
  });
}

/** Asserts one case's soundness; adds its outcome to `seen`. */
export function expectSound(
  result: ProbeResult,
  startedAt: number,
  deadlineMs: number,
  seen: Set<string>,
): void {
  expect(OUTCOMES).toContain(result.outcome);
  seen.add(result.outcome);
  expect(typeof result.message).toBe('string');
  expect(performance.now() - startedAt).toBeLessThan(deadlineMs);
  const text = kept(result);
  for (const form of secretForms()) expect(text).not.toContain(form);
  expect(text.length).toBeLessThan(200_000);
}
