/**
 * The backup and DR probes' own params checks (run when the policy loads, see
 * ProbeDefinition.validateParams): retention bounds that leave a count to pass, a playbook
 * glob that parses. Light on purpose: checks/params-checks.ts imports it.
 */
import { boundsProblems } from '../bounds.ts';
import { globProblems } from '../glob-problems.ts';
import type { ParamProblem } from '../registry.ts';

/** @example retentionParamsProblems({ min: 7, max: 3 }) // [{ path: '/max', message: 'min 7 is above max 3: no value can pass' }] */
export function retentionParamsProblems(p: { min?: number; max?: number }): ParamProblem[] {
  return boundsProblems(p, [['min', 'max']]);
}

/** @example playbooksParamsProblems({ glob: 'dr/*.{md' }) // [{ path: '/glob', message: 'glob "dr/*.{md" does not parse: …' }] */
export function playbooksParamsProblems(p: { glob?: string }): ParamProblem[] {
  return globProblems([['/glob', p.glob]]);
}

export const backupParamsChecks = {
  'backup.retention': retentionParamsProblems,
  'dr.playbooks': playbooksParamsProblems,
} as const;
