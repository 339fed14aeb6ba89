/**
 * The run's secrets: every value read from a policy's `{ env }` / `{ file }` reference and every
 * credential the run obtains (an OAuth token), each registered with its derived forms
 * (secret-forms.ts) before it is sent anywhere. Redaction (reporters/redact.ts) replaces every
 * registered form, so a secret is kept out of results, documents and the console by
 * construction, not by a list of fields that might hold one.
 *
 * One registry per process (or worker thread), kept on globalThis under a registered symbol:
 * the global setup, the engine and the grade reporter are separate bundles of one process
 * (specs/support/prebuilt.ts) and must share it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { credentialParts, derivedForms, MIN_REDACTED_LENGTH } from './secret-forms.ts';
import type { SecretRef } from './types.ts';

interface Registry {
  /** `env:NAME` / `file:/abs/path` → the value read when the policy loaded. */
  resolved: Map<string, string>;
  secrets: Set<string>;
  /** Every form of every secret, longest first; rebuilt after a registration. */
  forms: readonly string[] | undefined;
}

const KEY = Symbol.for('readyspec.secrets');

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= { resolved: new Map(), secrets: new Set(), forms: undefined };
  return holder[KEY];
}

/** Registers a secret and the parts of it that travel alone (the token of `Bearer <token>`…). */
export function registerSecret(value: string): void {
  const r = registry();
  for (const v of [value, ...credentialParts(value)]) {
    if (v.length < MIN_REDACTED_LENGTH || r.secrets.has(v)) continue;
    r.secrets.add(v);
    r.forms = undefined;
  }
}

/** A user and password sent together (basic auth, URL userinfo): the password and the pair. */
export function registerCredential(user: string, password: string): void {
  registerSecret(password);
  if (password.length >= MIN_REDACTED_LENGTH) registerSecret(`${user}:${password}`);
}

/**
 * Every registered form, longest first (so no secret is half-replaced by a shorter one). The
 * same array until something new is registered: redaction compiles it once.
 */
export function secretForms(): readonly string[] {
  const r = registry();
  if (!r.forms) {
    const forms = new Set<string>();
    for (const s of r.secrets) for (const f of derivedForms(s)) forms.add(f);
    r.forms = [...forms].sort((a, b) => b.length - a.length);
  }
  return r.forms;
}

export function resolvePolicyPath(baseDir: string, p: string): string {
  const home = process.env.HOME ?? '';
  const expanded = p.startsWith('~/') ? `${home}${p.slice(1)}` : p;
  return isAbsolute(expanded) ? expanded : resolve(baseDir, expanded);
}

/** What identifies a reference: the variable, or the file's absolute path. */
export function refKey(ref: SecretRef, baseDir: string): string {
  return 'env' in ref ? `env:${ref.env}` : `file:${resolvePolicyPath(baseDir, ref.file)}`;
}

/** Remembers the value a reference had when the policy loaded: the run sends exactly what it registered. */
export function rememberResolved(ref: SecretRef, baseDir: string, value: string): void {
  registerSecret(value);
  registry().resolved.set(refKey(ref, baseDir), value);
}

export function resolvedSecret(ref: SecretRef, baseDir: string): string | undefined {
  return registry().resolved.get(refKey(ref, baseDir));
}

export type SecretRead = { ok: true; value: string } | { ok: false; why: string };

// A secret file is a token or a passphrase: far smaller than this.
const MAX_SECRET_FILE_BYTES = 64 * 1024;

/**
 * Reads a reference: an environment variable that is set and not empty, or a regular file
 * (opened without blocking, so a FIFO cannot hang the load) whose trimmed content is not empty.
 * @example readSecretRef({ env: 'GRAFANA_TOKEN' }, '/etc/readyspec') // { ok: false, why: 'environment variable GRAFANA_TOKEN is not set' }
 */
export function readSecretRef(ref: SecretRef, baseDir: string): SecretRead {
  if ('env' in ref) {
    const value = process.env[ref.env];
    if (value === undefined) return { ok: false, why: `environment variable ${ref.env} is not set` };
    if (value.trim() === '') return { ok: false, why: `environment variable ${ref.env} is empty` };
    return { ok: true, value };
  }
  const path = resolvePolicyPath(baseDir, ref.file);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    return { ok: false, why: `secret file ${path} cannot be read: ${why}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, why: `secret file ${path} is not a regular file` };
    if (stat.size > MAX_SECRET_FILE_BYTES)
      return { ok: false, why: `secret file ${path} is larger than ${MAX_SECRET_FILE_BYTES} bytes` };
    const buf = Buffer.alloc(stat.size);
    const n = stat.size ? readSync(fd, buf, 0, stat.size, 0) : 0;
    const value = buf.subarray(0, n).toString('utf8').trim();
    if (!value) return { ok: false, why: `secret file ${path} is empty` };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, why: `secret file ${path} cannot be read: ${(err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** Forgets every secret of this process: for tests that need a clean registry. */
export function forgetSecrets(): void {
  const r = registry();
  r.resolved.clear();
  r.secrets.clear();
  r.forms = undefined;
}
