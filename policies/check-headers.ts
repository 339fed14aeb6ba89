/**
 * Headers an endpoint sends with every request (`inventory.endpoints[].headers`), checked when
 * the policy loads: each name an RFC 7230 token, each literal value free of CR, LF and NUL
 * (undici refuses them only at request time, as many `error` outcomes). A value from
 * `{ env }`/`{ file }` is read later and checked where it is read.
 */
import { headerNameProblem, headerValueProblem } from '../checks/header-names.ts';
import type { PolicyProblem } from './errors.ts';
import type { Merged } from './merge.ts';

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

export function checkInventoryHeaders(merged: Merged, problems: PolicyProblem[]): void {
  for (const endpoint of merged.inventory.endpoints) {
    const o = merged.origins.get(endpoint) ?? { file: '(policy)', path: '/inventory/endpoints' };
    for (const [name, value] of Object.entries(endpoint.headers ?? {})) {
      const why =
        headerNameProblem(name) ?? (typeof value === 'string' ? headerValueProblem(value) : undefined);
      if (why)
        problems.push({
          ...o,
          path: `${o.path}/headers/${pointer(name)}`,
          message: `endpoint "${endpoint.name}": ${why}`,
        });
    }
  }
}
