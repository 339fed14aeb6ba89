import { defineConfig } from 'vitest/config';

// Two projects: `audit` runs the policy's controls as tests (npm test); `self` runs
// readyspec's own tests (npm run test:self). The grade reporter ignores `self` modules.
export default defineConfig({
  test: {
    reporters: ['./reporters/grade-reporter.ts'],
    projects: [
      {
        test: {
          name: 'audit',
          include: ['specs/**/*.spec.ts'],
          globalSetup: ['./specs/support/global-setup.ts'],
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
});
