/**
 * The docker probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): name patterns that cannot match, address ranges that do not parse.
 * Light on purpose: checks/params-checks.ts imports it without loading the Docker client.
 */
import { boundsProblems } from '../bounds.ts';
import type { ParamProblem } from '../registry.ts';
import { type BindingRule, bindingRuleProblems } from './bindings.ts';
import { type Selection, selectionProblems } from './select.ts';

const selection = (p: Selection): ParamProblem[] => selectionProblems(p);
const ports = (p: Selection & BindingRule): ParamProblem[] => [
  ...selectionProblems(p),
  ...bindingRuleProblems(p),
];
const expected = (p: { expected?: string[]; min?: number; max?: number }): ParamProblem[] => [
  ...selectionProblems({ include: p.expected }).map((x) =>
    typeof x === 'string' ? x : { ...x, path: x.path.replace(/^\/include/, '/expected') },
  ),
  ...boundsProblems(p, [['min', 'max']]),
];

export const dockerParamsChecks = {
  'docker.containers': expected,
  'docker.health': selection,
  'docker.healthcheck': selection,
  'docker.restart-policy': selection,
  'docker.limits': selection,
  'docker.oom': selection,
  'docker.restarts': selection,
  'docker.privileged': selection,
  'docker.ports': ports,
  'compose.ports': bindingRuleProblems,
} as const;
