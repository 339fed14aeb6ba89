/**
 * The HTTP probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): every regular expression must run in the linear-time engine (pattern.ts),
 * every JSON path must parse as the probe parses it (json-path.ts), an OAuth token URL must be
 * an http(s) URL, bounds leave a value to pass, a required header is named by an RFC 7230
 * token. Light on purpose: checks/params-checks.ts imports it without loading the
 * HTTP client.
 */
import { boundsProblems } from '../bounds.ts';
import { headerNameProblem } from '../header-names.ts';
import { patternProblems } from '../pattern.ts';
import type { ParamProblem } from '../registry.ts';
import { urlProblem } from '../url-problems.ts';
import { parsePath } from './json-path.ts';

interface Patterns {
  pattern?: string;
  authUrl?: string;
  json?: { matches?: string; path?: string };
  expect?: { matches?: string; path?: string; min?: number; max?: number }[] | number[];
  location?: { pattern?: string };
  oauth?: { tokenUrl?: string };
}

const expectations = (p: Patterns) =>
  (Array.isArray(p.expect) ? p.expect : []).map((e) => (typeof e === 'object' ? e : undefined));

/**
 * The patterns of one HTTP probe's params, each refused at its JSON pointer.
 * @example httpPatternProblems({ pattern: '(?=x)' }) // [{ path: '/pattern', message: 'pattern /(?=x)/ uses syntax…' }]
 */
export function httpPatternProblems(p: Patterns): ParamProblem[] {
  return patternProblems([
    ['/pattern', p.pattern],
    ['/authUrl', p.authUrl],
    ['/json/matches', p.json?.matches],
    ['/location/pattern', p.location?.pattern],
    ...expectations(p).map((e, i): [string, unknown] => [`/expect/${i}/matches`, e?.matches]),
  ]);
}

/**
 * The JSON paths and the token URL of http.body / http.json, each refused at its JSON pointer.
 * @example httpJsonProblems({ json: { path: 'a[' } }) // [{ path: '/json/path', message: 'malformed JSON path "a["' }]
 */
export function httpJsonProblems(p: Patterns): ParamProblem[] {
  const paths: [string, string | undefined][] = [
    ['/json/path', p.json?.path],
    ...expectations(p).map((e, i): [string, string | undefined] => [`/expect/${i}/path`, e?.path]),
  ];
  const out: ParamProblem[] = [];
  for (const [at, path] of paths) {
    if (typeof path !== 'string') continue;
    try {
      parsePath(path);
    } catch (err) {
      out.push({
        path: at,
        message: `${(err as Error).message} (expected fields and [index], e.g. checks[0].status)`,
      });
    }
  }
  const token = p.oauth?.tokenUrl === undefined ? undefined : urlProblem(p.oauth.tokenUrl);
  if (token) out.push({ path: '/oauth/tokenUrl', message: token });
  const bounds = expectations(p).flatMap((e, i) =>
    e ? boundsProblems(e, [['min', 'max']], `/expect/${i}`) : [],
  );
  return [...httpPatternProblems(p), ...out, ...bounds];
}

/**
 * http.headers: each `require` item is a header name, `csp <directive>`, or alternatives of
 * those joined by `|` (header-rules.ts reads them so).
 * @example headersParamsProblems({ require: ['X Frame'] }) // [{ path: '/require/0', message: 'header name "X Frame" is not an RFC 7230 token …' }]
 */
export function headersParamsProblems(p: { require?: string[] }): ParamProblem[] {
  return (p.require ?? []).flatMap((item, i) => {
    for (const alternative of item.split('|').map((a) => a.trim())) {
      const csp = /^csp\s+([A-Za-z0-9-]+)$/i.exec(alternative);
      const problem = csp ? undefined : headerNameProblem(alternative);
      if (problem) return [{ path: `/require/${i}`, message: `${problem} (or "csp <directive>")` }];
    }
    return [];
  });
}

export const httpParamsChecks = {
  'http.headers': headersParamsProblems,
  'http.status': httpPatternProblems,
  'http.protected': httpPatternProblems,
  'http.body': httpJsonProblems,
  'http.json': httpJsonProblems,
} as const;
