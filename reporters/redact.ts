/**
 * Secrets never reach a report. Before anything is written, evidence and messages lose: the
 * value of every secret the policy references (env or file), the values under keys that name a
 * secret, and the password part of URLs. A key name alone does not make a value secret: under
 * `passwordauthentication` the value `no` is the very fact a control is about, so plain values
 * (yes/no, numbers, paths, setting words) stay; anything else under such a key goes.
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

// Words that configuration values are made of (sshd, PAM, feature flags): never a secret.
const SETTING_WORDS = new Set(
  (
    'yes no on off true false none null nil unset set enabled disabled enable disable required optional ' +
    'sufficient requisite prohibit-password without-password forced-commands-only any all local remote ' +
    'always never auto default strict lax ask allow deny accept reject present absent missing unknown ' +
    'internal external public private loopback error info debug verbose quiet fatal'
  ).split(' '),
);
// Numbers, with an optional unit (120, 0.5, 30s, 10m, 1G, 90%); ten digits at most, so a long
// numeric token is still judged a secret.
const NUMBER = /^[-+]?\d{1,10}(\.\d{1,6})?\s?[a-z%]{0,3}$/i;
// Absolute or home-relative paths made of ordinary name characters.
const PATH = /^(~?\/|\.{1,2}\/)[\w.@+,:=-]*(\/[\w.@+,:=-]*)*$/;
// A run of 16+ characters mixing lower case, upper case and digits reads as a key, not a name.
const RANDOM_RUN = /[A-Za-z0-9+=_-]{16,}/g;

function looksRandom(text: string): boolean {
  for (const run of text.match(RANDOM_RUN) ?? []) {
    if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run)) return true;
  }
  return false;
}

/**
 * A value that cannot be a secret, whatever its key says: a setting word, a number or a path
 * (without a random-looking part, which could be a key in a path-shaped string).
 * @example isPlainValue('no') // true; isPlainValue('hunter22') // false
 */
export function isPlainValue(value: string): boolean {
  const v = value.trim();
  if (v === REDACTED) return true;
  if (v.length > 256) return false;
  if (SETTING_WORDS.has(v.toLowerCase()) || NUMBER.test(v)) return true;
  return PATH.test(v) && !looksRandom(v);
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
      // A literal under a secret-looking header name is a secret unless its value is plainly none.
      else if (SECRET_KEY.test(name) && !isPlainValue(v)) literals.push(v);
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
 * Redacts a JSON value: strings under secret-looking keys entirely unless they are plain values
 * (isPlainValue), known secrets in every string. Copies only what changes: 50,000 rows of clean
 * evidence are not duplicated.
 */
export function redactJson<T extends Json | undefined>(value: T, secrets: string[], secretKey = false): T {
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
