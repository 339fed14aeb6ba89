/**
 * Which evidence keys name a secret, and which values can never be one. A key name alone does
 * not make a value secret: under `passwordauthentication` the value `no` is the very fact a
 * control is about, so plain values (yes/no, numbers, paths, setting words) stay.
 */

/** The marker that replaces a secret; plain by definition. */
export const REDACTED = '[REDACTED]';

// `passed`, `passes`, `passing` are counts and lists of checks, not passwords.
const SECRET_KEY =
  /pass(word|wd|phrase)?(?!ed|es|ing)|secret|token|api[-_]?key|authorization|cookie|private[-_]?key/i;
const secretKeys = new Map<string, boolean>();

/**
 * Whether a key names a secret; evidence repeats a few keys on 50,000 rows, so each is tested once.
 * @example isSecretKey('client_secret') // true; isSecretKey('passed') // false
 */
export function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeys.size < 10_000) secretKeys.set(key, secret);
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
// Hyphens, dots and underscores separate the words of a name (`readyspec-estate-ssh-5CLXMI`,
// a temp directory), so a run is judged between them.
const RANDOM_RUN = /[A-Za-z0-9+=]{16,}/g;
// A plain value with its provenance, as configuration readers report it:
// `yes (/etc/ssh/sshd_config.d/50-deploy.conf:3)`, `Match User deploy: yes (…:3)`. The label
// before the colon and the source in parentheses are not the value; the core still is judged.
const ANNOTATED = /^(?:[^:()]{1,120}:\s+)?(.+?)(?:\s+\(([^()]+?)(?::\d+)?\))?$/;

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
  if (isPlainCore(v)) return true;
  const m = ANNOTATED.exec(v);
  if (!m || m[1] === v) return false;
  const source = m[2];
  return isPlainCore(m[1] as string) && (source === undefined || isPlainCore(source));
}

function isPlainCore(v: string): boolean {
  if (SETTING_WORDS.has(v.toLowerCase()) || NUMBER.test(v)) return true;
  return PATH.test(v) && !looksRandom(v);
}
