/**
 * Runs once in vitest's main process before any spec: loads and validates the whole policy
 * (nothing touches the network unless every file is valid; a bad policy stops the run here),
 * then starts the probe engine and serves it to the workers. Teardown closes every transport.
 */
import type { TestProject } from 'vitest/node';
import { catalogIndex } from '../../checks/catalog-index.ts';
import { rememberPolicy } from '../../policies/current.ts';
import { PolicyError } from '../../policies/errors.ts';
import { loadPolicy, policySource } from '../../policies/load.ts';
import type { Policy } from '../../policies/types.ts';
import { rememberCategoryOrder } from './category-order.ts';
import { Engine } from './engine.ts';
import { serveEngine } from './engine-server.ts';
import { type AuditOptions, EnvError, runOptionsFromEnv } from './options.ts';
import { guardAgainstOrphaning } from './orphan-guard.ts';
import { armRunDeadline, derivedRunDeadlineMs } from './run-deadline.ts';

/**
 * Transforms the spec files while the worker starts, so its first imports are answered at once
 * (a failure shows up in the worker instead).
 */
async function warmSpecFiles(project: TestProject): Promise<void> {
  try {
    const { testFiles } = await project.globTestFiles();
    const ssr = project.vite.environments.ssr;
    await Promise.all(testFiles.map((file) => ssr.transformRequest(file).catch(() => undefined)));
  } catch {
    // Only an optimisation: the worker transforms them on request.
  }
}

export default async function setup(project: TestProject) {
  let policy: Policy;
  let options: AuditOptions;
  try {
    // The environment first: a bad READYSPEC_* variable is named before any file is read.
    options = runOptionsFromEnv();
    policy = await loadPolicy(policySource());
  } catch (err) {
    if (err instanceof PolicyError || err instanceof EnvError) {
      // Print plainly and stop before anything runs: vitest would wrap this in a stack trace,
      // and the reporter must not write (or overwrite) any document.
      process.stderr.write(`\n${err.message}\n\n`);
      process.exit(2);
    }
    throw err;
  }
  rememberPolicy(policy);
  // A run whose starter died (npm killed) ends too, and takes its commands with it.
  guardAgainstOrphaning();
  const deadlineMs = options.runDeadlineMs ?? derivedRunDeadlineMs(policy, catalogIndex, options);
  armRunDeadline(deadlineMs);
  // A shard runs every category's spec file and probes only the control × target pairs that
  // fall to it (shard-specs.ts), so one large category spreads over every runner.
  // A run narrowed by -t or tags is partial: the engine leaves its sign-offs to the reporter.
  const { testNamePattern, tagsFilter } = project.globalConfig;
  const narrowed = String(testNamePattern ?? '') !== '' || Boolean(tagsFilter?.length);
  const engine = new Engine(policy, project.globalConfig.shard ?? undefined, narrowed);
  // Every category starts at once, smallest first, in the order the worker will run their
  // spec files (sequencer.ts).
  rememberCategoryOrder(engine.startAll());
  void warmSpecFiles(project);
  const server = await serveEngine(engine);
  project.provide('readyspec:engine', server.path);
  // The TypeScript controls the policy names: defineControl registers a test for these only.
  project.provide('readyspec:custom', policy.custom ?? []);
  return async () => {
    await server.close();
    await engine.close();
  };
}
