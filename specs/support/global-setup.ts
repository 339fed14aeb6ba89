/**
 * Runs once in vitest's main process before any spec: loads and validates the whole policy
 * (nothing touches the network unless every file is valid; a bad policy stops the run here),
 * then starts the probe engine and serves it to the workers. Teardown closes every transport.
 */
import type { TestProject } from 'vitest/node';
import { rememberPolicy } from '../../policies/current.ts';
import { PolicyError } from '../../policies/errors.ts';
import { loadPolicy, policySource } from '../../policies/load.ts';
import type { Policy } from '../../policies/types.ts';
import { Engine } from './engine.ts';
import { serveEngine } from './engine-server.ts';

/** Transforms the spec files ahead of the worker's request (a failure shows up there instead). */
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
  try {
    policy = await loadPolicy(policySource());
  } catch (err) {
    if (err instanceof PolicyError) {
      // Print plainly and stop before anything runs: vitest would wrap this in a stack trace,
      // and the reporter must not write (or overwrite) any document.
      process.stderr.write(`\n${err.message}\n\n`);
      process.exit(2);
    }
    throw err;
  }
  rememberPolicy(policy);
  const engine = new Engine(policy);
  // A whole run starts every category while the worker starts up: right after the spec files
  // are transformed, so the worker does not wait for them behind thousands of HTTP callbacks.
  // A shard only probes the categories its workers ask for.
  const warmed = warmSpecFiles(project);
  if (!project.globalConfig.shard)
    void warmed.then(() => {
      for (const category of engine.categories()) engine.start(category);
    });
  const server = await serveEngine(engine);
  project.provide('readyspec:engine', server.path);
  return async () => {
    await server.close();
    await engine.close();
  };
}
