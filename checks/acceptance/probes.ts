/** Acceptance probes: closed phases carry a person's sign-off. */
import { defineProbe } from '../registry.ts';
import { phaseSignoff } from './signoff.ts';

export const acceptanceProbes = [
  defineProbe<'phase', Record<string, never>>({
    name: 'acceptance.signoff',
    summary: "A closed phase's USER_ACCEPTANCE.md carries a filled sign-off (name, date, decision)",
    target: 'phase',
    params: { type: 'object', additionalProperties: false, properties: {} },
    run: (ctx, phase) =>
      phaseSignoff(phase, {
        document: phase.document ? ctx.path(phase.document) : undefined,
        reportsDir: ctx.options.reportsDir,
      }),
  }),
];
