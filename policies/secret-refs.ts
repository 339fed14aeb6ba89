/**
 * Resolves every secret reference of a loaded policy, wherever it sits (inventory, control
 * params, rubric, a field added next year): any mapping whose only key is `env` or `file` with
 * a string value is a reference, found by walking the whole merged policy, not a list of known
 * fields. Each value is registered (secrets.ts) before the engine starts, so nothing is sent
 * before its redaction is in place. A reference that cannot be read is a validation error
 * naming the file, the JSON path and the variable or file — never a request sent without it.
 */
import { isPlainValue, isSecretKey } from '../reporters/plain-values.ts';
import type { PolicyProblem } from './errors.ts';
import { MIN_SECRET_LENGTH } from './secret-forms.ts';
import { readSecretRef, refKey, registerCredential, registerSecret, rememberResolved } from './secrets.ts';
import type { SecretRef } from './types.ts';

/** `required`: an unreadable reference is a problem (audits, validate). `optional`: skipped (a shape check, a merge job without the secrets). */
export type SecretMode = 'required' | 'optional';

export function isSecretRef(v: unknown): v is SecretRef {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  const value = (v as Record<string, unknown>)[keys[0] as string];
  return (keys[0] === 'env' || keys[0] === 'file') && typeof value === 'string';
}

// Hostile policies are bounded elsewhere too (read-yaml.ts); the walk never goes further.
const MAX_DEPTH = 256;
const MAX_NODES = 2_000_000;

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  /** The key under the parent, JSON-pointer escaped. */
  segment: string;
  key: string;
  depth: number;
  path?: string;
}

/** A frame's JSON path, built only when asked for and then kept (its children's paths reuse it). */
function pathOf(frame: Frame): string {
  if (frame.path === undefined)
    frame.path = frame.parent ? `${pathOf(frame.parent)}/${frame.segment}` : frame.segment;
  return frame.path;
}

/**
 * Calls `ref` for every reference and `text` for every other string, with its key and a
 * function giving its JSON path (built only when called: a 50,000-site inventory is walked per
 * run, and almost no string's path is ever needed). Shared objects (YAML aliases) are walked once.
 */
export function walkPolicy(
  root: unknown,
  ref: (r: SecretRef, path: string) => void,
  text?: (s: string, key: string, path: () => string) => void,
): void {
  const seen = new Set<object>();
  const stack: Frame[] = [{ value: root, parent: undefined, segment: '', key: '', depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length && nodes++ < MAX_NODES) {
    const frame = stack.pop() as Frame;
    const v = frame.value;
    if (typeof v === 'string') {
      text?.(v, frame.key, () => pathOf(frame));
      continue;
    }
    if (typeof v !== 'object' || v === null || frame.depth > MAX_DEPTH || seen.has(v)) continue;
    seen.add(v);
    if (isSecretRef(v)) {
      ref(v, pathOf(frame));
      continue;
    }
    const depth = frame.depth + 1;
    for (const k of Object.keys(v)) {
      // JSON pointer escapes, only where needed.
      const segment = k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k;
      stack.push({ value: (v as Record<string, unknown>)[k], parent: frame, segment, key: k, depth });
    }
  }
}

// scheme://user:password@ in a URL the policy names: both are sent, as basic auth.
const USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/@:'"<>]*):([^\s/@'"<>]+)@/gi;

/** Registers credentials written literally in the policy: URL userinfo, values of credential headers. */
function registerLiteral(s: string, key: string, path: () => string): void {
  // USERINFO needs an `@`: most strings (names, groups, URLs without credentials) are skipped unscanned.
  if (s.includes('@'))
    for (const m of s.matchAll(USERINFO)) {
      const decode = (x: string) => {
        try {
          return decodeURIComponent(x);
        } catch {
          return x;
        }
      };
      registerCredential(decode(m[1] ?? ''), decode(m[2] ?? ''));
      registerCredential(m[1] ?? '', m[2] ?? '');
    }
  if (isSecretKey(key) && /^\/inventory\/endpoints\/\d+\/headers\//.test(path()) && !isPlainValue(s))
    registerSecret(s);
}

export interface PolicyParts {
  /** The merged policy: what the run uses. */
  merged: unknown;
  /** Each file's own data, to say where a reference was written. */
  docs: { file: string; data: unknown }[];
  baseDir: string;
  /** Named when a reference is found in no single file. */
  name: string;
}

/**
 * Reads and registers every reference of the merged policy; problems for those that cannot
 * be read or are too short to be redacted without hiding ordinary words.
 */
export function resolvePolicySecrets(
  policy: PolicyParts,
  mode: SecretMode,
  problems: PolicyProblem[],
  warnings: string[],
): void {
  const { baseDir } = policy;
  const done = new Set<string>();
  walkPolicy(
    policy.merged,
    (ref, path) => {
      const key = refKey(ref, baseDir);
      if (done.has(key)) return;
      done.add(key);
      const read = readSecretRef(ref, baseDir);
      const where = () => locate(policy, key) ?? { file: policy.name, path };
      if (!read.ok) {
        if (mode === 'required') problems.push({ ...where(), message: `${read.why} (a secret reference)` });
        return;
      }
      if (read.value.length < MIN_SECRET_LENGTH) {
        const what = 'env' in ref ? `environment variable ${ref.env}` : `secret file ${ref.file}`;
        const message = `${what} holds ${read.value.length} characters: a secret shorter than ${MIN_SECRET_LENGTH} cannot be redacted from the reports without hiding ordinary words; use a longer credential`;
        if (mode === 'required') problems.push({ ...where(), message });
        else warnings.push(`${formatWhere(where())}: ${message}`);
      }
      rememberResolved(ref, baseDir, read.value);
    },
    registerLiteral,
  );
}

const formatWhere = (w: { file: string; path: string }) => `${w.file} ${w.path}`;

/** The file and path where a reference (by key) was first written, users' files before packs'. */
function locate(policy: PolicyParts, key: string): { file: string; path: string } | undefined {
  for (const doc of policy.docs) {
    let found: string | undefined;
    walkPolicy(doc.data, (ref, path) => {
      if (found === undefined && refKey(ref, policy.baseDir) === key) found = path;
    });
    if (found !== undefined) return { file: doc.file, path: found };
  }
  return undefined;
}
