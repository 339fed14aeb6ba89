/**
 * The monitoring probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): the receiver's record of deliveries is a URL that can be fetched, a
 * PromQL query parses (Prometheus's own grammar, promql.ts).
 * Light on purpose: checks/params-checks.ts imports it without loading any client.
 */
import { promqlProblem } from '../promql.ts';
import type { ParamProblem } from '../registry.ts';
import { urlProblem } from '../url-problems.ts';

/**
 * @example testAlertParamsProblems({ receiverCheck: { url: 'http://127.0.0.1:99999/{id}' } }) // one problem at /receiverCheck/url
 */
export function testAlertParamsProblems(p: { receiverCheck?: { url?: string } }): ParamProblem[] {
  const url = p.receiverCheck?.url;
  // {id} is replaced before the request; any stand-in of its characters parses the same.
  const problem = url === undefined ? undefined : urlProblem(url.replaceAll('{id}', 'id'));
  return problem ? [{ path: '/receiverCheck/url', message: problem }] : [];
}

/** @example expressionParamsProblems({ query: 'up{' }) // [{ path: '/query', message: 'PromQL "up{" does not parse at character 4 …' }] */
export function expressionParamsProblems(p: { query?: string }): ParamProblem[] {
  const problem = p.query === undefined ? undefined : promqlProblem(p.query);
  return problem ? [{ path: '/query', message: problem }] : [];
}

export const monitoringParamsChecks = {
  'alertmanager.test-alert': testAlertParamsProblems,
  'prometheus.expression': expressionParamsProblems,
} as const;
