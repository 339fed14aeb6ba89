/**
 * The host probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams). Light on purpose: checks/params-checks.ts imports it for the audit's catalog.
 */
import { rangeErrors } from '../address.ts';
import type { ParamProblem } from '../registry.ts';
import { sshdParamsProblems } from './sshd-keywords.ts';

/**
 * Every `allowAddresses` entry of host.listening must be an address, a CIDR range, `loopback` or `private`.
 * @example listeningParamsProblems({ allowAddresses: ['10.0.0/8'] }) // [{ path: '/allowAddresses/0', message: '…' }]
 */
export function listeningParamsProblems(p: { allowAddresses?: string[] }): ParamProblem[] {
  return (p.allowAddresses ?? []).flatMap((entry, i) =>
    rangeErrors([entry]).map((message) => ({ path: `/allowAddresses/${i}`, message })),
  );
}

export const hostParamsChecks = {
  'host.listening': listeningParamsProblems,
  'host.sshd': sshdParamsProblems,
} as const;
