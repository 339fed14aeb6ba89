/**
 * Backups and editor leftovers downloadable from a site's web root: a list of the names
 * people and editors leave (wp-config.php.bak, ~, .swp, dumps and archives, also named after
 * the site), each judged by what the answer is, not by a 200 alone: a PHP source, an SQL dump,
 * a zip, gzip or vim swap file. A soft 404 (the site's own page for every path) is no finding.
 */
import { baseEvidence, type Endpoint } from '../http/endpoint.ts';
import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { answerLine, getAll, unusable } from './http-get.ts';

const CONFIG_COPIES = [
  'wp-config.php.bak',
  'wp-config.php~',
  'wp-config.php.save',
  'wp-config.php.swp',
  '.wp-config.php.swp',
  '.wp-config.php.swo',
  'wp-config.php.old',
  'wp-config.php.orig',
  'wp-config.php.txt',
  'wp-config.php.1',
  'wp-config.bak',
  'wp-config.old',
  '%23wp-config.php%23',
];
const STEMS = ['backup', 'dump', 'database', 'db', 'wordpress', 'site', 'www', 'public_html'];
const ARCHIVE_EXT = ['.sql', '.sql.gz', '.zip', '.tar.gz', '.tgz'];

/** The names tried on a site: config copies, and each stem (with the site's own names) × archive kind. */
export function leftoverNames(endpoint: Endpoint, extra: string[] = []): string[] {
  // The site's name: the Host header when the endpoint sends one (an address URL), else the URL's.
  const host = (endpoint.headers?.host ?? new URL(endpoint.url).host).replace(/:\d+$/, '');
  const own = [host, host.split('.')[0] ?? host].filter((s) => !/^[\d.]+$/.test(s) && !s.includes(':'));
  const stems = [...new Set([...STEMS, ...own])];
  return [
    ...new Set([...CONFIG_COPIES, ...stems.flatMap((s) => ARCHIVE_EXT.map((x) => `${s}${x}`)), ...extra]),
  ];
}

/** What the body is, when it is a kind nobody serves on purpose from a web root. */
export function leftoverKind(body: string): string | undefined {
  if (body.startsWith('PK\u0003\u0004')) return 'a zip archive';
  if (body.startsWith('\u001f')) return 'a gzip stream';
  if (body.startsWith('b0VIM')) return 'a vim swap file';
  if (/^\s*<\?php/.test(body) || /define\s*\(\s*['"]DB_PASSWORD/.test(body)) return 'PHP source';
  if (/^-- (MySQL|MariaDB) dump|^\s*(CREATE TABLE|INSERT INTO|DROP TABLE)/m.test(body.slice(0, 65536)))
    return 'an SQL dump';
  if (/^ustar/.test(body.slice(257, 262))) return 'a tar archive';
  return undefined;
}

export interface LeftoverParams {
  /** More names to try at the web root. */
  extra?: string[];
}

/**
 * No backup or editor leftover is downloadable at the site's root.
 * @example await leftovers(http, { url: 'https://blog.example.com/' }, { extra: ['old-site.zip'] })
 */
export async function leftovers(
  http: HttpTransport,
  e: Endpoint,
  p: LeftoverParams = {},
): Promise<ProbeResult> {
  const names = leftoverNames(e, p.extra);
  const answers = await getAll(http, e, names);
  const served = answers.filter((a) => a.ok && a.res.status === 200);
  const found = served.flatMap((a) => {
    const kind = a.ok ? leftoverKind(a.res.body) : undefined;
    return kind ? [`${new URL(a.url).pathname} (${kind})`] : [];
  });
  const evidence = {
    ...baseEvidence(e),
    tried: names.length,
    requests: [...served, ...answers.filter((a) => unusable(a))].map(answerLine).slice(0, 50),
  };
  if (found.length)
    return fail(`${e.url}: downloadable leftovers: ${found.join(', ')}`, { ...evidence, observed: found });
  const unread = answers.map(unusable).filter(Boolean);
  if (unread.length)
    return inconclusive(
      `${e.url}: ${unread.length} of ${names.length} requests could not be judged: ${unread.slice(0, 3).join('; ')}`,
      evidence,
    );
  return pass(`${e.url}: none of ${names.length} backup and editor-leftover names is downloadable`, evidence);
}
