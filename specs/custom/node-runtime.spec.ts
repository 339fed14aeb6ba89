/**
 * Example of a control written in TypeScript: the machine running the audit uses a Node.js
 * release line that still gets security fixes (an even major, 20 or later).
 */
import { fail, pass } from '../../checks/probe.ts';
import { defineControl } from '../support/custom-control.ts';

defineControl(
  {
    id: 'REL-NODE-001',
    title: 'The audit runner uses a maintained Node.js LTS line',
    category: 'reliability',
    severity: 'low',
    target: 'audit-runner',
    remediation: 'Install the current Node.js LTS (20, 22 or 24).',
  },
  async () => {
    const major = Number(process.versions.node.split('.')[0]);
    const evidence = {
      observed: process.versions.node,
      expected: 'even major ≥ 20',
      source: 'process.versions.node',
    };
    return major >= 20 && major % 2 === 0
      ? pass(`Node.js ${process.versions.node} is an LTS line`, evidence)
      : fail(`Node.js ${process.versions.node} is not a maintained LTS line`, evidence);
  },
);
