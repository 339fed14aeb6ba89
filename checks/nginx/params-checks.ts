/**
 * The nginx probes' own params checks (run when the policy loads). Light on purpose:
 * checks/params-checks.ts imports it for the audit's catalog.
 */
import { rangeErrors } from '../address.ts';
import { globProblems } from '../glob-problems.ts';
import { headerNameProblems } from '../header-names.ts';
import type { ParamProblem } from '../registry.ts';
import type { HeadersParams } from './headers.ts';
import type { LimitsParams } from './limits.ts';
import type { NginxParams } from './read.ts';
import type { RealIpParams } from './real-ip.ts';
import { sizeBytes } from './size.ts';

/** Every allowedProxies entry must be an address, a CIDR range, `loopback` or `private`. */
export function realIpParamsProblems(p: RealIpParams & NginxParams): ParamProblem[] {
  return (p.allowedProxies ?? []).flatMap((entry, i) =>
    rangeErrors([entry]).map((message) => ({ path: `/allowedProxies/${i}`, message })),
  );
}

/** maxBodySize must be an nginx size (`16m`). */
export function limitsParamsProblems(p: LimitsParams & NginxParams): ParamProblem[] {
  if (p.maxBodySize === undefined || sizeBytes(p.maxBodySize) !== undefined) return [];
  return [
    { path: '/maxBodySize', message: `"${p.maxBodySize}" is not an nginx size such as 16m, 512k or 1048576` },
  ];
}

/** Required header names must be RFC 7230 tokens (add_header could never send another). */
export function securityHeadersParamsProblems(p: HeadersParams & NginxParams): ParamProblem[] {
  return [...headerNameProblems('/headers', p.headers), ...headerNameProblems('/tlsHeaders', p.tlsHeaders)];
}

/** Every certificatePaths glob must parse as picomatch reads it. */
export function tlsParamsProblems(p: { certificatePaths?: string[] } & NginxParams): ParamProblem[] {
  return globProblems(
    (p.certificatePaths ?? []).map((g, i): [string, string] => [`/certificatePaths/${i}`, g]),
  );
}

export const nginxParamsChecks = {
  'nginx.tls': tlsParamsProblems,
  'nginx.security-headers': securityHeadersParamsProblems,
  'nginx.real-ip': realIpParamsProblems,
  'nginx.limits': limitsParamsProblems,
} as const;
