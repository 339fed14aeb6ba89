/**
 * Runs once in the main process before any spec: loads and validates the whole policy, so
 * nothing touches the network unless every file is valid. A bad policy stops the run here.
 */
import type { TestProject } from 'vitest/node';
import { PolicyError } from '../../policies/errors.ts';
import { loadPolicy, policySource } from '../../policies/load.ts';

export default async function setup(project: TestProject) {
  try {
    const policy = await loadPolicy(policySource());
    project.provide('readyspec:policy', policy);
  } catch (err) {
    if (err instanceof PolicyError) {
      // Print plainly and stop before anything runs: vitest would wrap this in a stack trace,
      // and the reporter must not write (or overwrite) any document.
      process.stderr.write(`\n${err.message}\n\n`);
      process.exit(2);
    }
    throw err;
  }
}
