/**
 * PromQL from a policy, parsed when it loads with Prometheus's own grammar
 * (@prometheus-io/lezer-promql, the parser of Prometheus's web UI): a query that does not
 * parse is a load error with its position, not a run of `error` outcomes from the server.
 */
import { parser } from '@prometheus-io/lezer-promql';

const strict = parser.configure({ strict: true });

/**
 * What is wrong with `query`, or undefined.
 * @example promqlProblem('rate(x[5m]') // 'PromQL "rate(x[5m]" does not parse at character 11 (after "rate(x[5m]")'
 */
export function promqlProblem(query: string): string | undefined {
  if (query.length > 16_384) return `PromQL query is ${query.length} characters long, more than 16384`;
  try {
    strict.parse(query);
    return undefined;
  } catch (err) {
    const at = Number(/No parse at (\d+)/.exec((err as Error).message)?.[1] ?? Number.NaN);
    const shown = JSON.stringify(query.length > 120 ? `${query.slice(0, 120)}…` : query);
    if (!Number.isFinite(at)) return `PromQL ${shown} does not parse: ${(err as Error).message}`;
    const before = query.slice(Math.max(0, at - 30), at);
    return `PromQL ${shown} does not parse at character ${at + 1} (after ${JSON.stringify(before)})`;
  }
}
