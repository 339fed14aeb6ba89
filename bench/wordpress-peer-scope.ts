/**
 * What each peer of the WordPress peers bench can say about a planted row of truth.yaml, read
 * from that peer's own output: `found` (the output shows the defect on its subject), `missed`
 * (the peer checks this kind of thing on this subject and did not flag it), `not in scope` (the
 * peer has no check of this kind), `not seen` (the peer checks this kind of thing, but only at
 * the machine's /etc and default sockets, where the lab is not).
 */
export type Cell = 'found' | 'missed' | 'not in scope' | 'not seen';

export interface PlantedRow {
  control: string;
  target: string;
  subject?: string;
  /** The pack check's family: nginx, php, mariadb, wordpress, logs, backup… */
  family: string;
  /** The lab site the row is about, if any (alpha, beta, gamma). */
  site?: string;
  note: string;
}

/** One finding of testssl's flat JSON (`--jsonfile`). */
export interface TestsslFinding {
  id: string;
  severity: string;
  finding: string;
}

const FLAGGED = new Set(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'WARN']);
const HEADER_IDS =
  /^(HSTS|X-Frame-Options|X-Content-Type-Options|Content-Security-Policy|Referrer-Policy|Permissions-Policy|security_headers)/;

/** testssl --protocols --headers against the row's site's HTTPS port (`/`, as a scanner asks). */
export function testsslCell(row: PlantedRow, bySite: Map<string, TestsslFinding[]>): Cell {
  const findings = row.site ? bySite.get(row.site) : undefined;
  const any = (test: (f: TestsslFinding) => boolean) => (findings?.some(test) ? 'found' : 'missed');
  switch (row.control) {
    case 'SEC-WP-013': // TLSv1 / TLSv1.1 accepted
      return any((f) => (f.id === 'TLS1' || f.id === 'TLS1_1') && /^offered/.test(f.finding));
    case 'SEC-WP-011': // server_tokens on: the version in the Server header
      return any((f) => f.id === 'banner_server' && /\/\d/.test(f.finding));
    case 'SEC-WP-064': // expose_php: X-Powered-By
      return any((f) => f.id === 'banner_application' && /PHP\/\d/i.test(f.finding));
    case 'SEC-WP-010': // security headers dropped in one location
      return any((f) => HEADER_IDS.test(f.id) && FLAGGED.has(f.severity));
    default:
      return 'not in scope';
  }
}

/** mysqltuner's `[!!]` lines, quotes removed (`'root'@'%'` and `root@%` read alike). */
export function mysqltunerCell(row: PlantedRow, warnings: string[]): Cell {
  const lines = warnings.map((l) => l.replaceAll("'", '').replaceAll('`', ''));
  const account = (row.subject ?? '').replaceAll("'", '');
  const [user, host] = account.split('@');
  const namesAccount = (l: string) =>
    user ? l.includes(`${user}@${host}`) : /anonymous/i.test(l) || l.includes(` @${host}`);
  const any = (test: (l: string) => boolean) => (lines.some(test) ? 'found' : 'missed');
  switch (row.control) {
    case 'SEC-WP-020':
      return any((l) => /anonymous/i.test(l));
    case 'SEC-WP-021':
      return any((l) => /password/i.test(l) && namesAccount(l));
    case 'SEC-WP-022':
      return any((l) => /root@%/.test(l) || (/root/.test(l) && /%|hostname restriction/i.test(l)));
    default:
      return 'not in scope';
  }
}

/**
 * Lynis reads nginx's settings from the main config it finds (its report's nginx_main_conf_file)
 * and PHP's and MySQL's at their Debian paths, not the lab's; the rest it has no check for.
 */
export function lynisCell(row: PlantedRow, readsLabNginx: boolean): Cell {
  if (row.family === 'nginx' && readsLabNginx) return 'missed';
  return ['nginx', 'php', 'mariadb'].includes(row.family) ? 'not seen' : 'not in scope';
}
