/**
 * Regular expressions the inventory holds (an endpoint's `authUrl`, the login a protected
 * service redirects to) must run in the linear-time engine, like the ones in controls' params
 * (checked by each probe's validateParams): refused when the policy loads, at their JSON path.
 */
import { patternProblem } from '../checks/pattern.ts';
import type { PolicyProblem } from './errors.ts';
import type { Merged } from './merge.ts';

export function checkInventoryPatterns(merged: Merged, problems: PolicyProblem[]): void {
  for (const endpoint of merged.inventory.endpoints) {
    if (endpoint.authUrl === undefined) continue;
    const why = patternProblem(endpoint.authUrl);
    if (!why) continue;
    const o = merged.origins.get(endpoint) ?? { file: '(policy)', path: '/inventory/endpoints' };
    problems.push({
      ...o,
      path: `${o.path}/authUrl`,
      message: `endpoint "${endpoint.name}": authUrl pattern /${endpoint.authUrl.slice(0, 80)}/ ${why}`,
    });
  }
}
