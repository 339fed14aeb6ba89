/**
 * Judgements over each site's secrets in wp-config.php, whose values never reach evidence
 * (only which key is wrong, and why): unique salts (set, not the sample's placeholder, not
 * short, not repeated within the site or copied from another site), and database credentials
 * that are not defaults (not root, not the sample's, not empty, not the user name, not shared).
 * Also the core version from wp-includes/version.php against a minimum.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { type Evidence, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { PhpConstants } from './php-constants.ts';
import type { Site } from './sites.ts';

export const SALT_KEYS = [
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
];
const PLACEHOLDER = /put your unique phrase here/i;
// WordPress's own generator makes 64 characters; anything this short was typed by hand.
const MIN_SALT = 32;

const digest = (v: string) => createHash('sha256').update(v).digest('hex');

/** sha256 of each literal salt, per site root: to find salts copied between sites without keeping them. */
export function saltDigests(sites: Site[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of sites) {
    if (!s.config.ok) continue;
    const values = SALT_KEYS.map((k) => s.config.ok && s.config.constants.defines.get(k)).filter(
      (v) => v && v.kind === 'string' && v.value.length >= MIN_SALT && !PLACEHOLDER.test(v.value),
    );
    out.set(s.root, new Set(values.map((v) => digest((v as { value: string }).value))));
  }
  return out;
}

/**
 * @example salts(site, constants, evidence, saltDigests(sites))
 */
export function salts(
  s: Site,
  c: PhpConstants,
  evidence: Evidence,
  others: Map<string, Set<string>>,
): ProbeResult {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const key of SALT_KEYS) {
    const v = c.defines.get(key);
    if (!v) problems.push(`${key} is not defined`);
    else if (v.kind === 'expression') problems.push(`${key} is set by an expression (cannot judge)`);
    else if (v.kind !== 'string' || v.value === '') problems.push(`${key} is empty`);
    else if (PLACEHOLDER.test(v.value)) problems.push(`${key} is the sample's placeholder`);
    else if (v.value.length < MIN_SALT) problems.push(`${key} is only ${v.value.length} characters`);
    else {
      const d = digest(v.value);
      const twin = seen.get(d);
      if (twin) problems.push(`${key} repeats ${twin}`);
      seen.set(d, key);
      const copied = [...others].filter(([root, set]) => root !== s.root && set.has(d)).map(([root]) => root);
      if (copied.length) problems.push(`${key} is also used by ${copied.join(', ')}`);
    }
  }
  const ev = {
    ...evidence,
    expected: `${SALT_KEYS.length} distinct salts of ${MIN_SALT}+ characters, used by this site only`,
    observed: { problems },
  };
  if (problems.length && problems.every((p) => p.includes('cannot judge')))
    return inconclusive(`${s.root}: ${problems.join('; ')}`, ev);
  return problems.length
    ? fail(`${s.root}: ${problems.join('; ')}`, ev)
    : pass(`${s.root}: ${SALT_KEYS.length} unique salts`, ev);
}

// The sample config's values, and passwords people keep from tutorials.
const DEFAULT_PASSWORDS = new Set([
  '',
  'password_here',
  'password',
  'wordpress',
  'root',
  'admin',
  '123456',
  '12345678',
  'changeme',
  'secret',
  'mysql',
  'pass',
  'wp',
]);
const DEFAULT_USERS = new Set(['root', 'username_here', 'admin', 'wordpress', 'wp', 'user']);

/** DB_USER of each site root, to find two sites sharing one database account. */
export function dbUsers(sites: Site[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sites) {
    const v = s.config.ok ? s.config.constants.defines.get('DB_USER') : undefined;
    if (v?.kind === 'string') out.set(s.root, v.value);
  }
  return out;
}

/** @example dbCredentials(site, constants, evidence, dbUsers(sites)) */
export function dbCredentials(
  s: Site,
  c: PhpConstants,
  evidence: Evidence,
  users: Map<string, string>,
): ProbeResult {
  const user = c.defines.get('DB_USER');
  const password = c.defines.get('DB_PASSWORD');
  const name = c.defines.get('DB_NAME');
  const observed = {
    DB_NAME: name?.kind === 'string' ? name.value : (name?.kind ?? 'not defined'),
    DB_USER: user?.kind === 'string' ? user.value : (user?.kind ?? 'not defined'),
    DB_PASSWORD:
      password?.kind === 'string'
        ? password.value
          ? `set (${password.value.length} characters)`
          : 'empty'
        : (password?.kind ?? 'not defined'),
  };
  const ev = { ...evidence, observed };
  if (user?.kind !== 'string' || password?.kind !== 'string') {
    if (!user || !password) return fail(`${s.root}: ${!user ? 'DB_USER' : 'DB_PASSWORD'} is not defined`, ev);
    return inconclusive(
      `${s.root}: the database credentials are set by an expression: cannot judge them statically`,
      ev,
    );
  }
  const problems: string[] = [];
  if (DEFAULT_USERS.has(user.value.toLowerCase())) problems.push(`DB_USER is "${user.value}"`);
  if (DEFAULT_PASSWORDS.has(password.value.toLowerCase()))
    problems.push(password.value ? 'DB_PASSWORD is a default password' : 'DB_PASSWORD is empty');
  else if (password.value === user.value) problems.push('DB_PASSWORD equals DB_USER');
  if (name?.kind === 'string' && name.value === 'database_name_here')
    problems.push("DB_NAME is the sample's");
  const sharing = [...users].filter(([root, u]) => root !== s.root && u === user.value).map(([root]) => root);
  if (sharing.length) problems.push(`DB_USER ${user.value} is shared with ${sharing.join(', ')}`);
  return problems.length
    ? fail(`${s.root}: ${problems.join('; ')}`, ev)
    : pass(`${s.root}: own database user ${user.value}, password set`, ev);
}

export interface CoreVersionParams {
  /** Oldest acceptable WordPress, e.g. '6.4'. */
  minVersion: string;
}

/** @example coreVersion(site, { minVersion: '6.4' }, source) */
export function coreVersion(s: Site, p: CoreVersionParams, source: string): ProbeResult {
  const evidence: Evidence = { source, file: s.version.path, expected: `>= ${p.minVersion}` };
  if (!s.version.ok) return inconclusive(`${s.root}: ${s.version.error}`, evidence);
  const v = s.version.constants.variables.get('wp_version');
  if (v?.kind !== 'string')
    return inconclusive(`${s.root}: no literal $wp_version in ${s.version.path}`, evidence);
  const version = semver.coerce(v.value);
  const minimum = semver.coerce(p.minVersion);
  const ev = { ...evidence, observed: v.value };
  if (!version || !minimum)
    return inconclusive(`${s.root}: cannot compare ${JSON.stringify(v.value)} with ${p.minVersion}`, ev);
  return semver.gte(version, minimum)
    ? pass(`${s.root}: WordPress ${v.value} (>= ${p.minVersion})`, ev)
    : fail(`${s.root}: WordPress ${v.value} is older than ${p.minVersion}`, ev);
}
