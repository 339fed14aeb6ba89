/**
 * Secrets never reach a report. Before anything is written, evidence and messages lose: the
 * value of every secret the policy references (env or file), the values under keys that name a
 * secret, and the password part of URLs. A key name alone does not make a value secret: under
 * `passwordauthentication` the value `no` is the very fact a control is about, so plain values
 * (yes/no, numbers, paths, setting words) stay; anything else under such a key goes.
 */
import { readSecret } from '../checks/context.ts';
import type { Json, ProbeResult } from '../checks/probe.ts';
import { credentialParts, derivedForms, MIN_REDACTED_LENGTH } from '../policies/secret-forms.ts';
import { walkPolicy } from '../policies/secret-refs.ts';
import { secretForms } from '../policies/secrets.ts';
import type { Policy, SecretRef } from '../policies/types.ts';
import { isPlainValue, isSecretKey, REDACTED } from './plain-values.ts';
import type { Row } from './rows.ts';

export { isPlainValue, REDACTED };

// scheme://user:password@host or scheme://token@host
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"<>]+@/gi;
// Shorter values would redact ordinary words and digits all over the report (secret-forms.ts).
const MIN_SECRET_LENGTH = MIN_REDACTED_LENGTH;

/**
 * The values of every secret the policy references, anywhere in it (inventory, params, rubric),
 * and literals under credential header names, longest first (so no secret is half-replaced).
 */
export function secretValues(policy: Policy): string[] {
  const refs: SecretRef[] = [];
  const literals: string[] = [];
  const { inventory, rubric, controls, waivers } = policy;
  walkPolicy(
    { inventory, rubric, controls, waivers },
    (ref) => refs.push(ref),
    (value, key, path) => {
      // A literal under a secret-looking header name is a secret unless its value is plainly none.
      if (isSecretKey(key) && /^\/inventory\/endpoints\/\d+\/headers\//.test(path()) && !isPlainValue(value))
        literals.push(value);
    },
  );
  const values = new Set<string>(literals);
  for (const ref of refs) {
    const v = readSecret(ref, policy.baseDir);
    if (v) values.add(v);
  }
  // "Bearer abc" headers: the token alone may appear too.
  for (const v of [...values]) {
    const last = v.split(/\s+/).pop();
    if (last && last !== v) values.add(last);
  }
  return [...values].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Every form to redact from a report of this policy: what the run registered (secrets.ts) and,
 * for a merged run that never read them, the policy's own secrets with their derived forms.
 */
export function reportSecretForms(policy: Policy): readonly string[] {
  const forms = new Set(secretForms());
  for (const v of secretValues(policy))
    for (const part of [v, ...credentialParts(v)])
      if (part.length >= MIN_SECRET_LENGTH) for (const f of derivedForms(part)) forms.add(f);
  return [...forms].sort((a, b) => b.length - a.length);
}

const matchers = new WeakMap<readonly string[], RegExp | null>();

/** One regular expression for a list of secrets, compiled once per list; longest first wins. */
function matcherOf(secrets: readonly string[]): RegExp | null {
  let re = matchers.get(secrets);
  if (re === undefined) {
    const usable = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
    re = usable.length ? new RegExp(usable.map(escapeRegExp).join('|'), 'g') : null;
    matchers.set(secrets, re);
  }
  return re;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Redacts one string: known secrets (every form given) and URL userinfo. Unchanged text is returned as is. */
export function redactText(text: string, secrets: readonly string[]): string {
  const re = matcherOf(secrets);
  let out = text;
  if (re) {
    re.lastIndex = 0;
    if (re.test(out)) out = out.replace(re, REDACTED);
    re.lastIndex = 0;
  }
  return out.includes('@') ? out.replace(USERINFO, `$1${REDACTED}@`) : out;
}

/**
 * Redacts a JSON value: strings under secret-looking keys entirely unless they are plain values
 * (isPlainValue), known secrets in every string and every key (a target may echo a credential
 * as a header name or a map key). Copies only what changes: 50,000 rows of clean evidence are
 * not duplicated.
 */
export function redactJson<T extends Json | undefined>(
  value: T,
  secrets: readonly string[],
  secretKey = false,
): T {
  if (typeof value === 'string')
    return (secretKey && !isPlainValue(value) ? REDACTED : redactText(value, secrets)) as T;
  if (Array.isArray(value)) {
    let out: Json[] | undefined;
    value.forEach((v, i) => {
      const r = redactJson(v, secrets, secretKey);
      if (r === v) return;
      out ??= value.slice();
      out[i] = r;
    });
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    let out: Record<string, Json> | undefined;
    let dropped = false;
    let renamed = false;
    for (const k in value) {
      if (redactText(k, secrets) !== k) renamed = true;
      const v = (value as Record<string, Json | undefined>)[k];
      if (v === undefined) {
        dropped = true;
        continue;
      }
      const r = redactJson(v, secrets, secretKey || isSecretKey(k));
      if (r === v) continue;
      out ??= { ...(value as Record<string, Json>) };
      out[k] = r;
    }
    if (dropped) {
      out ??= { ...(value as Record<string, Json>) };
      for (const k in out) if (out[k] === undefined) delete out[k];
    }
    if (renamed) out = renameKeys(out ?? (value as Record<string, Json>), secrets);
    return (out ?? value) as T;
  }
  return value;
}

/** A copy with redacted keys; two keys that redact alike are numbered, never merged. */
function renameKeys(obj: Record<string, Json>, secrets: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(obj)) {
    const base = redactText(k, secrets);
    let name = base;
    for (let n = 2; Object.hasOwn(out, name); n++) name = `${base} (${n})`;
    out[name] = v;
  }
  return out;
}

const redactOptional = (text: string | undefined, secrets: readonly string[]) =>
  text === undefined ? undefined : redactText(text, secrets);

/**
 * A row safe to write: every text an auditor reads (title, target, subject, message,
 * remediation, waiver) and the evidence redacted; the row itself if clean.
 */
export function redactRow(row: Row, secrets: readonly string[]): Row {
  const safe: Row = {
    ...row,
    title: redactText(row.title, secrets),
    target: redactText(row.target, secrets),
    subject: redactOptional(row.subject, secrets),
    message: redactText(row.message, secrets),
    evidence: redactJson(row.evidence as Json, secrets) as Row['evidence'],
    remediation: redactOptional(row.remediation, secrets),
    waiver: row.waiver && (redactJson(row.waiver as unknown as Json, secrets) as unknown as Row['waiver']),
  };
  const keys = ['title', 'target', 'subject', 'message', 'evidence', 'remediation', 'waiver'] as const;
  if (keys.every((k) => safe[k] === row[k])) return row;
  for (const k of keys) if (safe[k] === undefined && !(k in row)) delete safe[k];
  return safe;
}

/**
 * A probe's result with every registered secret form out of its message, evidence and
 * subjects (names included): what the engine hands on, so no test title, error message or
 * blob report ever holds a secret. The result itself if clean.
 * @example redactResult(await probe.run(ctx, target, params), secretForms())
 */
export function redactResult(result: ProbeResult, secrets: readonly string[]): ProbeResult {
  const message = redactText(result.message, secrets);
  const evidence = redactJson(result.evidence as Json, secrets) as ProbeResult['evidence'];
  let subjects = result.subjects;
  result.subjects?.forEach((s, i) => {
    const safe = {
      subject: redactText(s.subject, secrets),
      outcome: s.outcome,
      message: redactText(s.message, secrets),
      evidence: redactJson(s.evidence as Json, secrets) as ProbeResult['evidence'],
    };
    if (safe.subject === s.subject && safe.message === s.message && safe.evidence === s.evidence) return;
    subjects = subjects === result.subjects ? [...(result.subjects ?? [])] : subjects;
    (subjects as NonNullable<typeof subjects>)[i] = safe;
  });
  if (message === result.message && evidence === result.evidence && subjects === result.subjects)
    return result;
  return subjects ? { ...result, message, evidence, subjects } : { ...result, message, evidence };
}
