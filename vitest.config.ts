import { defineConfig } from 'vitest/config';
import { AUDIT_PROJECT } from './reporters/audit-project.ts';
import { gradeReporterAlways } from './reporters/grade-always.ts';
import { auditEntries } from './specs/support/prebuilt.ts';
import { prebuiltImports } from './specs/support/prebuilt-imports.ts';
import { AuditSequencer } from './specs/support/sequencer.ts';
import { shardFromArgv, writeShardSpecs } from './specs/support/shard-specs.ts';

// Two projects: `audit` runs the policy's controls as tests (npm test); `self` runs
// readyspec's own tests (npm run test:self). The grade reporter ignores `self` modules.
// The audit's global setup and reporter load prebuilt (see specs/support/prebuilt.ts).
export default defineConfig(async () => {
  const entries = await auditEntries();
  // `--shard=i/n` splits control × target pairs within categories: the audit runs a copy of
  // every category file per shard (specs/support/shard-specs.ts).
  const shard = shardFromArgv(process.argv);
  // In a shard the category files run as their copies; controls written in TypeScript
  // (specs/custom/) run in the first shard (sequencer.ts).
  const categorySpecs =
    shard && shard.count > 1 ? writeShardSpecs(import.meta.dirname, shard.count) : 'specs/*.spec.ts';
  const auditSpecs = [categorySpecs, 'specs/custom/**/*.spec.ts'];
  return {
    test: {
      reporters: [entries.reporter],
      // The audit's category files run in the engine's probing order (specs/support/sequencer.ts).
      sequence: { sequencer: AuditSequencer },
      projects: [
        {
          // gradeReporterAlways: `--reporter=junit` and the like add to the grade, never replace it.
          plugins: [prebuiltImports(entries.workerModules), gradeReporterAlways(entries.reporter)],
          test: {
            name: AUDIT_PROJECT,
            // A spec file under specs/custom whose controls the policy does not name registers no
            // test (custom-control.ts): that file passes empty instead of failing the run.
            passWithNoTests: true,
            include: auditSpecs,
            globalSetup: [entries.globalSetup],
            // Runs the generated control tests (specs/support/control-tests.ts).
            runner: entries.runner,
            // One worker, shared modules: one SSH connection per host and one HTTP pool for the
            // whole run; concurrency comes from the probe scheduler, not from workers.
            pool: 'threads',
            isolate: false,
            fileParallelism: false,
            testTimeout: 600_000,
            hookTimeout: 600_000,
          },
        },
        {
          test: {
            name: 'self',
            include: ['{checks,policies,reporters,specs,fixtures,bench,bin}/**/*.test.ts'],
            testTimeout: 30_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
