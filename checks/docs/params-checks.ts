/**
 * The docs probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): a date pattern must run in the linear-time engine (pattern.ts), case-
 * insensitively as the probe runs it. docs.claim's pattern is checked with its fact
 * (policies/check-claims.ts). Light on purpose: checks/params-checks.ts imports it.
 */
import { globProblems } from '../glob-problems.ts';
import { patternProblems } from '../pattern.ts';
import type { ParamProblem } from '../registry.ts';

/**
 * @example datedPatternProblems({ pattern: 'tested: (\\d+)\\1' }) // [{ path: '/pattern', message: 'pattern /…/ uses syntax…' }]
 */
export function datedPatternProblems(p: { pattern?: string; glob?: string }): ParamProblem[] {
  return [...patternProblems([['/pattern', p.pattern, 'i']]), ...linksParamsProblems(p)];
}

/** A directory target's file glob must parse (glob-problems.ts). */
export function linksParamsProblems(p: { glob?: string }): ParamProblem[] {
  return globProblems([['/glob', p.glob]]);
}

export const docsParamsChecks = {
  'docs.updated': datedPatternProblems,
  'docs.runbook-tested': datedPatternProblems,
  'docs.links': linksParamsProblems,
} as const;
