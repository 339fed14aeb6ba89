/**
 * The HTTP probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): every regular expression must run in the linear-time engine (pattern.ts).
 * Light on purpose: checks/params-checks.ts imports it without loading the HTTP client.
 */
import { patternProblems } from '../pattern.ts';
import type { ParamProblem } from '../registry.ts';

interface Patterns {
  pattern?: string;
  authUrl?: string;
  json?: { matches?: string };
  expect?: { matches?: string }[] | number[];
  location?: { pattern?: string };
}

/**
 * The patterns of one HTTP probe's params, each refused at its JSON pointer.
 * @example httpPatternProblems({ pattern: '(?=x)' }) // [{ path: '/pattern', message: 'pattern /(?=x)/ uses syntax…' }]
 */
export function httpPatternProblems(p: Patterns): ParamProblem[] {
  const expect = Array.isArray(p.expect) ? p.expect : [];
  return patternProblems([
    ['/pattern', p.pattern],
    ['/authUrl', p.authUrl],
    ['/json/matches', p.json?.matches],
    ['/location/pattern', p.location?.pattern],
    ...expect.map((e, i): [string, unknown] => [
      `/expect/${i}/matches`,
      typeof e === 'object' ? e?.matches : undefined,
    ]),
  ]);
}

export const httpParamsChecks = {
  'http.status': httpPatternProblems,
  'http.protected': httpPatternProblems,
  'http.body': httpPatternProblems,
  'http.json': httpPatternProblems,
} as const;
