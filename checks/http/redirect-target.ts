/**
 * Where a redirect points: the Location of the endpoint's own answer, resolved against the
 * request URL the way a browser does, judged by scheme, host, port and/or a URL pattern.
 * Hosts are compared as URLs normalise them (case, IDN) or as addresses when they are IPs;
 * `*.example.com` is a glob (picomatch) over the host name.
 */
import picomatch from 'picomatch';
import { parseAddress } from '../address.ts';
import { compilePattern, type SafePattern } from '../pattern.ts';

export type LocationExpectation = {
  scheme?: 'http' | 'https';
  /** Host name or address (`example.com`, `10.0.0.5`, `[::1]`), or a glob such as `*.example.com`. */
  host?: string;
  /** Effective port (the scheme's default when the Location names none). */
  port?: number;
  /** Regular expression the resolved absolute URL must match. */
  pattern?: string;
};

export type LocationVerdict =
  | { ok: true; url: string; why: string }
  | { ok: false; url: string; why: string }
  | { error: string };

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

function sameHost(actual: string, expected: string): boolean {
  const a = parseAddress(actual);
  const e = parseAddress(expected);
  if (a || e) return a !== undefined && e !== undefined && a.toNormalizedString() === e.toNormalizedString();
  if (/[*?[\]{}]/.test(expected)) return picomatch.isMatch(actual, expected.toLowerCase(), { nocase: true });
  try {
    return new URL(`http://${expected}/`).hostname === actual;
  } catch {
    return false;
  }
}

/**
 * Judges a Location header against the expectation.
 * @example judgeLocation('https://example.com/', 'http://example.com/', { scheme: 'https', host: 'example.com' }) // ok
 */
export function judgeLocation(location: string, base: string, e: LocationExpectation): LocationVerdict {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    return { error: `its Location ${JSON.stringify(location)} is not a URL` };
  }
  let pattern: SafePattern | undefined;
  try {
    pattern = e.pattern === undefined ? undefined : compilePattern(e.pattern);
  } catch (err) {
    // The loader refuses such a pattern (validateParams); a direct call may not have.
    return { error: `/${e.pattern}/ ${(err as Error).message}` };
  }
  const href = url.href;
  const wrong: string[] = [];
  const scheme = url.protocol.slice(0, -1);
  if (e.scheme !== undefined && scheme !== e.scheme) wrong.push(`scheme ${scheme}, expected ${e.scheme}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (e.host !== undefined && !sameHost(host, e.host)) wrong.push(`host ${url.hostname}, expected ${e.host}`);
  const port = url.port ? Number(url.port) : DEFAULT_PORT[url.protocol];
  if (e.port !== undefined && port !== e.port) wrong.push(`port ${port ?? 'none'}, expected ${e.port}`);
  if (pattern && !pattern.test(href)) wrong.push(`does not match /${e.pattern}/`);
  if (wrong.length) return { ok: false, url: href, why: `redirects to ${href}: ${wrong.join(', ')}` };
  return { ok: true, url: href, why: `redirects to ${href}` };
}

/** JSON Schema of the `location` param. */
export const LOCATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Where the endpoint must redirect: scheme, host (or *.glob), port and/or a URL pattern',
  properties: {
    scheme: { type: 'string', enum: ['http', 'https'] },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    pattern: { type: 'string', minLength: 1 },
  },
} as const;
