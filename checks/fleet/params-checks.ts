/**
 * The fleet probes' own params checks (run when the policy loads, see ProbeDefinition
 * .validateParams): fleet.series's query parses as PromQL, and its threshold is given one way
 * (`value`, or `thresholdLabel` with `thresholds`). Light on purpose: checks/params-checks.ts
 * imports it without loading any client.
 */
import { promqlProblem } from '../promql.ts';
import type { ParamProblem } from '../registry.ts';

interface SeriesThreshold {
  query?: string;
  value?: number;
  thresholdLabel?: string;
  thresholds?: Record<string, number>;
}

/**
 * @example seriesParamsProblems({ query: 'up', op: '>=', thresholdLabel: 'tier' }) // [{ path: '/thresholdLabel', message: 'thresholdLabel needs thresholds …' }]
 */
export function seriesParamsProblems(p: SeriesThreshold): ParamProblem[] {
  const out: ParamProblem[] = [];
  const query = p.query === undefined ? undefined : promqlProblem(p.query);
  if (query) out.push({ path: '/query', message: query });
  const label = p.thresholdLabel !== undefined;
  const tiers = p.thresholds !== undefined;
  if (label && !tiers)
    out.push({
      path: '/thresholdLabel',
      message: 'thresholdLabel needs thresholds (the bound for each value of the label)',
    });
  if (tiers && !label)
    out.push({
      path: '/thresholds',
      message: 'thresholds need thresholdLabel (the label that names the tier)',
    });
  if (label && p.value !== undefined)
    out.push({
      path: '/value',
      message: 'give value or thresholdLabel with thresholds, not both (value would be ignored)',
    });
  if (!label && !tiers && p.value === undefined)
    out.push({
      path: '',
      message: 'no threshold: give value, or thresholdLabel with thresholds (every series would be an error)',
    });
  return out;
}

export const fleetParamsChecks = {
  'fleet.series': seriesParamsProblems,
} as const;
