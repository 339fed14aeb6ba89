/**
 * The policy of this run, shared by the global setup and the grade reporter, which run in the
 * same process but load modules separately: the reporter reuses the policy the setup already
 * loaded and validated instead of reading every file again. `--merge-reports` runs no setup,
 * so there it is loaded here.
 */
import type { Policy } from './types.ts';

const KEY = Symbol.for('readyspec.policy');
type Holder = { [KEY]?: Policy };

export function rememberPolicy(policy: Policy): void {
  (globalThis as Holder)[KEY] = policy;
}

export async function currentPolicy(): Promise<Policy> {
  const loaded = (globalThis as Holder)[KEY];
  if (loaded) return loaded;
  // Only a merged run gets here: the loader (and the probe catalog behind it) loads on demand.
  const { loadPolicy, policySource } = await import('./load.ts');
  // A merge job may not hold the shards' secrets: their results were redacted where they ran.
  return loadPolicy(policySource(), { secrets: 'optional' });
}
