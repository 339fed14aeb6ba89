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
      // Print plainly: vitest would otherwise wrap this in a stack trace.
      process.stderr.write(`\n${err.message}\n\n`);
      process.exitCode = 2;
    }
    throw err;
  }
}
