/**
 * Each site's database user holds privileges on its own database only: no global privileges,
 * no other database, no wildcard pattern that also covers databases made later, no PROXY.
 * Roles granted to an account count as the account's own privileges. One subject per account.
 */
import {
  type Evidence,
  fail,
  inconclusive,
  notApplicable,
  type ProbeResult,
  pass,
  perSubject,
  subject,
} from '../probe.ts';
import { accountName } from './accounts.ts';
import { type Grant, hasWildcard, likePattern, literalDatabase, parseGrant, shownGrant } from './grants.ts';
import type { Part, ServerSnapshot } from './snapshot.ts';

export interface SiteGrantsParams {
  /** Site database users and the database each may use; without it each account must use exactly one. */
  sites?: { user: string; database: string }[];
  /** Accounts allowed wider privileges (administrators, the audit account), by user name. */
  admins?: string[];
}

export const DEFAULT_ADMINS = ['root', 'mariadb.sys', 'mysql', 'debian-sys-maint'];

type Lines = Map<string, Part<string[]>>;

/** The account's grants with its roles' grants folded in (roles of roles too, each once). */
function effective(name: string, lines: Lines): Grant[] | string {
  const out: Grant[] = [];
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length && seen.size < 100) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const part = lines.get(next);
    if (!part) return `no grants read for ${next}`;
    if (!part.ok) return part.error;
    for (const line of part.value) {
      let g: Grant;
      try {
        g = parseGrant(line);
      } catch (err) {
        return (err as Error).message;
      }
      out.push(g);
      if (g.kind === 'role') queue.push(g.role);
    }
  }
  return out;
}

function judge(
  grants: Grant[],
  databases: string[],
  own: string | undefined,
): { problems: string[]; covered: string[] } {
  const problems: string[] = [];
  const covered = new Set<string>();
  for (const g of grants) {
    if (g.kind === 'proxy') problems.push(`may act as other accounts (PROXY ON ${g.target})`);
    if (g.kind !== 'privileges') continue;
    if (g.database === '*') {
      if (g.privileges !== 'USAGE') problems.push(`holds global privileges (${g.privileges} ON *.*)`);
      continue;
    }
    if (hasWildcard(g.database)) {
      const hits = databases.filter((d) => likePattern(g.database).test(d));
      problems.push(
        `granted on the pattern ${g.database} (now ${hits.join(', ') || 'no database'}, and any made later)`,
      );
      continue;
    }
    const db = literalDatabase(g.database);
    covered.add(db);
    if (own !== undefined && db !== own) problems.push(`granted on ${db}, not only on its own ${own}`);
  }
  if (own === undefined && covered.size > 1)
    problems.push(`granted on ${covered.size} databases: ${[...covered].join(', ')}`);
  return { problems, covered: [...covered] };
}

/**
 * Judges every non-administrative account's grants.
 * @example siteGrants('db1', snapshot, grantLines, { sites: [{ user: 'wp_blog', database: 'wp_blog' }] })
 */
export function siteGrants(
  target: string,
  s: ServerSnapshot,
  lines: Lines,
  p: SiteGrantsParams = {},
): ProbeResult {
  if (!s.accounts.ok)
    return inconclusive(`${target}: cannot read MariaDB's accounts: ${s.accounts.error}`, {
      source: s.source,
    });
  if (!s.databases.ok)
    return inconclusive(`${target}: cannot list databases: ${s.databases.error}`, { source: s.source });
  const admins = p.admins ?? DEFAULT_ADMINS;
  const databases = s.databases.value;
  const subjects = s.accounts.value
    .filter((a) => !a.role)
    .map((a) => {
      const name = accountName(a);
      if (admins.includes(a.user))
        return subject(name, notApplicable(`${name}: administrative account (admins)`, { source: s.source }));
      const grants = effective(name, lines);
      if (typeof grants === 'string')
        return subject(
          name,
          inconclusive(`${name}: cannot read its grants: ${grants}`, { source: s.source }),
        );
      const own = p.sites?.find((x) => x.user === a.user)?.database;
      const { problems, covered } = judge(grants, databases, own);
      const evidence: Evidence = {
        source: s.source,
        observed: {
          grants: grants
            .filter((g) => g.kind !== 'privileges' || g.privileges !== 'USAGE')
            .map((g) => ({ ...g })),
          databases: covered,
        },
        expected: own ? { database: own } : 'privileges on one database only',
        lines: (lines.get(name) as { value: string[] }).value.map(shownGrant),
      };
      if (problems.length) return subject(name, fail(`${name}: ${problems.join('; ')}`, evidence));
      if (!covered.length) return subject(name, pass(`${name}: no database privileges`, evidence));
      return subject(name, pass(`${name}: granted only on ${covered[0]}`, evidence));
    });
  return perSubject(target, 'accounts', subjects, { source: s.source });
}
