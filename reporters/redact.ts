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
const secretKeys = new Map<string, boolean>();

/** Whether a key names a secret; evidence repeats a few keys on 50,000 rows, so each is tested once. */
function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    secretKeys.set(key, secret);
  }
  return secret;
}

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

/** Redacts one string: known secret values and URL userinfo. Unchanged text is returned as is. */
export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out.includes('@') ? out.replace(USERINFO, `$1${REDACTED}@`) : out;
}

/**
 * Redacts a JSON value: strings under secret-looking keys entirely, known secrets in every
 * other string. Copies only what changes: 50,000 rows of clean evidence are not duplicated.
 */
export function redactJson<T extends Json | undefined>(value: T, secrets: string[], secretKey = false): T {
  if (typeof value === 'string') return (secretKey ? REDACTED : redactText(value, secrets)) as T;
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
    for (const k in value) {
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
    return (out ?? value) as T;
  }
  return value;
}

/** A row safe to write: message, evidence and remediation redacted (the row itself if clean). */
export function redactRow(row: Row, secrets: string[]): Row {
  const message = redactText(row.message, secrets);
  const evidence = redactJson(row.evidence as Json, secrets) as Row['evidence'];
  const remediation = row.remediation === undefined ? undefined : redactText(row.remediation, secrets);
  if (message === row.message && evidence === row.evidence && remediation === row.remediation) return row;
  return { ...row, message, evidence, remediation };
}
