/**
 * What a WordPress site serves to anyone, judged on positive evidence from its own answers:
 * XML-RPC answering, version banners (readme.html, generator tags), directory listings under
 * uploads, and user enumeration. Read-only GETs; a server error or failed request is `error`.
 */
import { baseEvidence, type Endpoint } from '../http/endpoint.ts';
import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';
import { answerLine, getAll, isRedirect, unusable } from './http-get.ts';

const IXR = /XML-RPC server accepts POST requests only/i;

/**
 * xmlrpc.php is refused (401/403/404/410…) or protected: it does not answer as WordPress's XML-RPC server.
 * @example await xmlrpc(http, { url: 'https://blog.example.com/' })
 */
export async function xmlrpc(http: HttpTransport, e: Endpoint): Promise<ProbeResult> {
  const [a] = await getAll(http, e, ['xmlrpc.php']);
  const evidence = { ...baseEvidence(e), requests: a ? [answerLine(a)] : [] };
  const bad = a && unusable(a);
  if (!a || bad)
    return inconclusive(`${e.url}: cannot tell whether XML-RPC answers: ${bad ?? 'no answer'}`, evidence);
  if (!a.ok) throw new Error('unreachable');
  if (IXR.test(a.res.body))
    return fail(`${a.url} answers as WordPress's XML-RPC server (status ${a.res.status})`, evidence);
  if (isRedirect(a.res))
    return inconclusive(
      `${a.url} redirects to ${a.res.headers.location}: point the endpoint at the site's final URL`,
      evidence,
    );
  return pass(`${a.url}: refused (${a.res.status}), not XML-RPC`, evidence);
}

const GENERATOR_META = /<meta[^>]+name=["']generator["'][^>]+content=["'](WordPress[^"']*)["']/i;
const FEED_GENERATOR = /<generator>\s*https?:\/\/wordpress\.org\/\?v=([^<\s]+)\s*<\/generator>/i;
const OPML_GENERATOR = /generator="(WordPress\/[^"]+)"/i;

/**
 * WordPress's version is not on show: no readme.html, no generator tag on the home page, the
 * feed or the link OPML.
 * @example await versionExposure(http, { url: 'https://blog.example.com/' })
 */
export async function versionExposure(http: HttpTransport, e: Endpoint): Promise<ProbeResult> {
  const [readme, home, feed, opml] = await getAll(http, e, [
    'readme.html',
    '',
    '?feed=rss2',
    'wp-links-opml.php',
  ]);
  const answers = [readme, home, feed, opml].filter((a) => a !== undefined);
  const evidence = { ...baseEvidence(e), requests: answers.map(answerLine) };
  const found: string[] = [];
  const unread: string[] = [];
  const look = (a: typeof readme, what: string, test: (body: string) => string | undefined) => {
    if (!a) return;
    const bad = unusable(a);
    if (bad) return unread.push(bad);
    if (a.ok && a.res.status === 200) {
      const hit = test(a.res.body);
      if (hit) found.push(`${what}: ${hit}`);
    }
  };
  look(readme, 'readme.html is served', (b) =>
    /wordpress/i.test(b) ? (/Version ([\d.]+)/i.exec(b)?.[0] ?? 'WordPress readme') : undefined,
  );
  look(home, 'home page generator tag', (b) => GENERATOR_META.exec(b)?.[1]);
  look(feed, 'feed generator', (b) => FEED_GENERATOR.exec(b)?.[1]);
  look(opml, 'wp-links-opml.php generator', (b) => OPML_GENERATOR.exec(b)?.[1]);
  if (found.length)
    return fail(`${e.url}: the WordPress version is exposed (${found.join('; ')})`, {
      ...evidence,
      observed: found,
    });
  if (unread.length) return inconclusive(`${e.url}: cannot tell: ${unread.join('; ')}`, evidence);
  return pass(`${e.url}: no readme.html and no generator tag`, evidence);
}

const LISTING = /<title>\s*Index of \/|<h1>\s*Index of \//i;

export interface ListingParams {
  /** Paths that must not list their contents (default wp-content/uploads/ and wp-content/). */
  paths?: string[];
}

/**
 * No directory listing under the given paths (nginx autoindex, Apache Indexes).
 * @example await uploadsListing(http, { url: 'https://blog.example.com/' }, {})
 */
export async function uploadsListing(
  http: HttpTransport,
  e: Endpoint,
  p: ListingParams = {},
): Promise<ProbeResult> {
  const paths = p.paths ?? ['wp-content/uploads/', 'wp-content/'];
  const answers = await getAll(http, e, paths);
  const evidence = { ...baseEvidence(e), requests: answers.map(answerLine) };
  const listed = answers
    .filter((a) => a.ok && a.res.status === 200 && LISTING.test(a.res.body))
    .map((a) => a.url);
  if (listed.length)
    return fail(`directory listing served at ${listed.join(', ')}`, { ...evidence, observed: listed });
  const unread = answers.map(unusable).filter(Boolean);
  if (unread.length) return inconclusive(`${e.url}: cannot tell: ${unread.join('; ')}`, evidence);
  return pass(`${e.url}: no directory listing at ${paths.join(', ')}`, evidence);
}

export interface EnumerationParams {
  /** Judge `/?author=1` (default true). */
  author?: boolean;
  /** Judge the REST API's user list (default true). */
  rest?: boolean;
}

const AUTHOR_PATH = /\/author\/([^/?#]+)/;
const AUTHOR_CLASS = /<body[^>]+class="[^"]*\bauthor-(?!\d+\b)([A-Za-z0-9_.-]+)/;

function restUsers(body: string): string[] | undefined {
  try {
    const v = JSON.parse(body);
    if (!Array.isArray(v)) return undefined;
    const slugs = v
      .map((u) => (u && typeof u === 'object' ? (u as { slug?: unknown }).slug : undefined))
      .filter((s) => typeof s === 'string');
    return slugs.length ? (slugs as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * User names cannot be enumerated: `/?author=1` does not reveal an author slug (redirect or
 * archive page), the REST API does not list users to anonymous visitors.
 * @example await userEnumeration(http, { url: 'https://blog.example.com/' }, { rest: true })
 */
export async function userEnumeration(
  http: HttpTransport,
  e: Endpoint,
  p: EnumerationParams = {},
): Promise<ProbeResult> {
  const paths = [
    ...(p.author !== false ? ['?author=1'] : []),
    ...(p.rest !== false ? ['wp-json/wp/v2/users', '?rest_route=/wp/v2/users'] : []),
  ];
  const answers = await getAll(http, e, paths);
  const evidence = { ...baseEvidence(e), requests: answers.map(answerLine) };
  const found: string[] = [];
  for (const a of answers) {
    if (!a.ok) continue;
    if (a.url.includes('author=')) {
      const slug = (
        isRedirect(a.res)
          ? AUTHOR_PATH.exec(a.res.headers.location ?? '')
          : a.res.status === 200
            ? AUTHOR_CLASS.exec(a.res.body)
            : null
      )?.[1];
      if (slug) found.push(`?author=1 reveals the user "${slug}"`);
    } else if (a.res.status === 200) {
      const users = restUsers(a.res.body);
      if (users)
        found.push(
          `${new URL(a.url).pathname}${new URL(a.url).search} lists ${users.length} user(s): ${users.slice(0, 5).join(', ')}`,
        );
    }
  }
  if (found.length)
    return fail(`${e.url}: user names can be enumerated (${found.join('; ')})`, {
      ...evidence,
      observed: found,
    });
  const unread = answers.map(unusable).filter(Boolean);
  if (unread.length) return inconclusive(`${e.url}: cannot tell: ${unread.join('; ')}`, evidence);
  return pass(`${e.url}: no author slug and no user list for anonymous visitors`, evidence);
}
