/**
 * Secrets never reach a report. Before anything is written, evidence and messages lose: the
 * value of every secret the policy references (env or file), the values under keys that name a
 * secret, and the password part of URLs.
 */
import { readSecret } from '../checks/context.ts';
import type { Json } from '../checks/probe.ts';
import type { Policy, SecretRef } from '../policies/types.ts';
import type { Row } from './rows.ts';

export const REDACTED = '[REDACTED]';

// `passed`, `passes`, `passing` are counts and lists of checks, not passwords.
const SECRET_KEY =
  /pass(word|wd|phrase)?(?!ed|es|ing)|secret|token|api[-_]?key|authorization|cookie|private[-_]?key/i;
// scheme://user:password@host or scheme://token@host
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"<>]+@/gi;
// Shorter values would redact ordinary words and digits all over the report.
const MIN_SECRET_LENGTH = 4;

function isRef(v: unknown): v is SecretRef {
  return typeof v === 'object' && v !== null && ('env' in v || 'file' in v);
}

/** The values of every secret the policy references, longest first (so no secret is half-replaced). */
export function secretValues(policy: Policy): string[] {
  const inv = policy.inventory;
  const refs: SecretRef[] = [];
  const literals: string[] = [];
  for (const e of inv.endpoints ?? []) {
    for (const [name, v] of Object.entries(e.headers ?? {})) {
      if (isRef(v)) refs.push(v);
      else if (SECRET_KEY.test(name)) literals.push(v);
    }
  }
  for (const list of [inv.monitoring, inv.repositories] as { token?: SecretRef }[][]) {
    for (const m of list ?? []) if (m.token) refs.push(m.token);
  }
  for (const b of inv.backups ?? []) if (b.password) refs.push(b.password);
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

/** Redacts one string: known secret values and URL userinfo. */
export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out.replace(USERINFO, `$1${REDACTED}@`);
}

/** Redacts a JSON value: strings under secret-looking keys entirely, known secrets in every other string. */
export function redactJson<T extends Json | undefined>(value: T, secrets: string[], secretKey = false): T {
  if (typeof value === 'string') return (secretKey ? REDACTED : redactText(value, secrets)) as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets, secretKey)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = redactJson(v, secrets, secretKey || SECRET_KEY.test(k));
    }
    return out as T;
  }
  return value;
}

/** A row safe to write: message, evidence, waiver text and remediation redacted. */
export function redactRow(row: Row, secrets: string[]): Row {
  return {
    ...row,
    message: redactText(row.message, secrets),
    evidence: redactJson(row.evidence as Json, secrets) as Row['evidence'],
    remediation: row.remediation === undefined ? undefined : redactText(row.remediation, secrets),
  };
}
