/**
 * The policy of this run, shared by the global setup and the grade reporter, which run in the
 * same process but load modules separately: the reporter reuses the policy the setup already
 * loaded and validated instead of reading every file again. `--merge-reports` runs no setup,
 * so there it is loaded here.
 */
import { loadPolicy, policySource } from './load.ts';
import type { Policy } from './types.ts';

const KEY = Symbol.for('readyspec.policy');
type Holder = { [KEY]?: Policy };

export function rememberPolicy(policy: Policy): void {
  (globalThis as Holder)[KEY] = policy;
}

export async function currentPolicy(): Promise<Policy> {
  return (globalThis as Holder)[KEY] ?? loadPolicy(policySource());
}
