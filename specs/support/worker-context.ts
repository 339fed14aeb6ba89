/**
 * A ProbeContext inside the worker, for controls written in TypeScript (custom-control.ts).
 * The probe catalog loads only if a custom control asks for a fact measured by a probe.
 */
import { inject } from 'vitest';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';

let ctx: RunContext | undefined;

export function workerContext(): RunContext {
  ctx ??= new RunContext(inject('readyspec:policy'), runOptionsFromEnv(), async () => (await import('../../checks/catalog-index.ts')).catalogIndex);
  return ctx;
}
