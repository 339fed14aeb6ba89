/**
 * The logs probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): certificate globs parse as picomatch reads them. Light on purpose:
 * checks/params-checks.ts imports it.
 */
import { globProblems } from '../glob-problems.ts';
import type { ParamProblem } from '../registry.ts';

/** @example renewalParamsProblems({ certificates: ['/etc/{a'] }) // [{ path: '/certificates/0', message: 'glob "/etc/{a" does not parse: …' }] */
export function renewalParamsProblems(p: { certificates?: string[] }): ParamProblem[] {
  return globProblems((p.certificates ?? []).map((g, i): [string, string] => [`/certificates/${i}`, g]));
}

export const logsParamsChecks = {
  'logs.renewal-configs': renewalParamsProblems,
} as const;
