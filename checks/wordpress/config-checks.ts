/**
 * Judgements over each site's wp-config.php (one subject per site root): debugging off, the
 * theme/plugin editor off, and who may read the file. Each reads only constants the parser
 * found; a file that could not be read, or sets a value by an expression, is `error`.
 */
import { type Evidence, fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import { type PhpConstants, type PhpValue, shown, truthy } from './php-constants.ts';
import type { Site } from './sites.ts';

export type SiteJudge = (site: Site, constants: PhpConstants, evidence: Evidence) => ProbeResult;

/** Where a config's settings live in another file (Debian's /etc/wordpress/config-HOST.php): not judged here. */
function delegated(c: PhpConstants): string | undefined {
  if (c.defines.has('DB_NAME')) return undefined;
  return c.includes.find((f) => !/wp-settings\.php$/.test(f));
}

/** Runs `judge` on every site whose wp-config.php was read and parsed. */
export function eachSite(target: string, sites: Site[], source: string, judge: SiteJudge): ProbeResult {
  const subjects = sites.map((s) => {
    const evidence: Evidence = { source, config: s.config.path };
    if (!s.config.ok)
      return subject(
        s.root,
        inconclusive(`${s.root}: ${s.config.missing ? 'no wp-config.php found' : s.config.error}`, evidence),
      );
    const elsewhere = delegated(s.config.constants);
    if (elsewhere)
      return subject(
        s.root,
        inconclusive(
          `${s.root}: wp-config.php takes its settings from ${elsewhere}; list that file's site root instead`,
          evidence,
        ),
      );
    return subject(s.root, judge(s, s.config.constants, evidence));
  });
  return perSubject(target, 'WordPress sites', subjects, { source });
}

const expression = (name: string, v: PhpValue | undefined) =>
  v?.kind === 'expression' ? `${name} is set by ${shown(v)}: cannot judge it statically` : undefined;

/**
 * WP_DEBUG off; if it is on, errors also shown to visitors unless WP_DEBUG_DISPLAY is false.
 * @example eachSite('wp1', sites, source, debugOff)
 */
export const debugOff: SiteJudge = (s, c, evidence) => {
  const debug = c.defines.get('WP_DEBUG');
  const display = c.defines.get('WP_DEBUG_DISPLAY');
  const ev = {
    ...evidence,
    observed: { WP_DEBUG: shown(debug), WP_DEBUG_DISPLAY: shown(display) },
    expected: { WP_DEBUG: 'false' },
  };
  const unknown = expression('WP_DEBUG', debug);
  if (unknown) return inconclusive(`${s.root}: ${unknown}`, ev);
  if (!truthy(debug)) return pass(`${s.root}: WP_DEBUG is ${shown(debug)}`, ev);
  const shownToVisitors = display === undefined || truthy(display) !== false;
  return fail(
    `${s.root}: WP_DEBUG is on${shownToVisitors ? `, and errors are shown to visitors (WP_DEBUG_DISPLAY ${shown(display)})` : ''}`,
    ev,
  );
};

/**
 * DISALLOW_FILE_EDIT (or DISALLOW_FILE_MODS, which implies it) is true.
 * @example eachSite('wp1', sites, source, fileEditOff)
 */
export const fileEditOff: SiteJudge = (s, c, evidence) => {
  const edit = c.defines.get('DISALLOW_FILE_EDIT');
  const mods = c.defines.get('DISALLOW_FILE_MODS');
  const ev = {
    ...evidence,
    observed: { DISALLOW_FILE_EDIT: shown(edit), DISALLOW_FILE_MODS: shown(mods) },
    expected: { DISALLOW_FILE_EDIT: 'true' },
  };
  if (truthy(edit) || truthy(mods)) return pass(`${s.root}: the theme and plugin editor is off`, ev);
  const unknown = expression('DISALLOW_FILE_EDIT', edit) ?? expression('DISALLOW_FILE_MODS', mods);
  if (unknown) return inconclusive(`${s.root}: ${unknown}`, ev);
  return fail(
    `${s.root}: DISALLOW_FILE_EDIT is ${shown(edit)}: admins (and anyone who steals a session) can edit PHP from the dashboard`,
    ev,
  );
};

export interface ConfigAccessParams {
  /** Most permission bits wp-config.php may have (default '640': nothing for others). */
  maxMode?: string;
  /** Users that must not own it (default www-data, nginx, apache, http: the web server may not rewrite it). */
  forbiddenOwners?: string[];
}

/**
 * wp-config.php is not readable by others and not owned by the web server's user.
 * @example configAccess(site, { maxMode: '640' })
 */
export function configAccess(s: Site, p: ConfigAccessParams, source: string): ProbeResult {
  const maxMode = p.maxMode ?? '640';
  const forbidden = p.forbiddenOwners ?? ['www-data', 'nginx', 'apache', 'http'];
  const evidence: Evidence = { source, config: s.config.path, expected: { maxMode, notOwnedBy: forbidden } };
  if (s.config.ok === false && s.config.missing)
    return inconclusive(`${s.root}: no wp-config.php found`, evidence);
  if (!s.mode.ok) return inconclusive(`${s.root}: cannot stat ${s.config.path}: ${s.mode.error}`, evidence);
  const { mode, owner, group } = s.mode;
  const ev = { ...evidence, observed: { mode, owner, group } };
  const extra = Number.parseInt(mode, 8) & ~Number.parseInt(maxMode, 8) & 0o7777;
  const problems = [
    extra
      ? `mode ${mode} grants ${extra.toString(8).padStart(3, '0')} beyond ${maxMode}${Number.parseInt(mode, 8) & 0o004 ? ' (world-readable)' : ''}`
      : '',
    forbidden.includes(owner) ? `owned by the web server's user ${owner}` : '',
  ].filter(Boolean);
  return problems.length
    ? fail(`${s.config.path}: ${problems.join('; ')}`, ev)
    : pass(`${s.config.path} is ${mode} ${owner}:${group}`, ev);
}

/** Every site's access verdict, one subject per site. */
export function configAccessAll(
  target: string,
  sites: Site[],
  source: string,
  p: ConfigAccessParams,
): ProbeResult {
  return perSubject(
    target,
    'WordPress sites',
    sites.map((s) => subject(s.root, configAccess(s, p, source))),
    { source },
  );
}
