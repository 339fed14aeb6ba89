/**
 * Example of a control written in TypeScript: the machine running the audit uses a Node.js
 * release line that still gets security fixes on the run's date (READYSPEC_NOW pins it), judged
 * from Node's release schedule (node-releases). It runs only in a policy that names it:
 * `custom: [REL-NODE-001]`.
 */

import { defineControl } from '../support/custom-control.ts';
import { runOptionsFromEnv } from '../support/options.ts';

defineControl(
  {
    id: 'REL-NODE-001',
    title: 'The audit runner uses a supported Node.js release line',
    category: 'reliability',
    severity: 'low',
    target: 'audit-runner',
    remediation:
      'Upgrade the machine that runs the audit to a Node.js release line that is still supported (see https://nodejs.org/en/about/previous-releases).',
  },
  async () => {
    // Loaded when the control runs: every audit's worker loads this file, and semver (through
    // node-support.ts) cost it 25–40 ms of start-up in policies that do not name the control.
    const { nodeSupport, releaseSchedule } = await import('./node-support.ts');
    return nodeSupport(process.versions.node, runOptionsFromEnv().now, releaseSchedule());
  },
);
