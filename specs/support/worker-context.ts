/** A ProbeContext inside the worker, for controls written in TypeScript (custom-control.ts). */
import { inject } from 'vitest';
import { catalog } from '../../checks/catalog.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';

let ctx: RunContext | undefined;

export function workerContext(): RunContext {
  ctx ??= new RunContext(inject('readyspec:policy'), runOptionsFromEnv(), catalog);
  return ctx;
}
