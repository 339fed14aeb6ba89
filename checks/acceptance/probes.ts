/** Acceptance probes: closed phases carry a person's sign-off. */
import { localDate } from '../../reporters/clock.ts';
import { defineProbe } from '../registry.ts';
import { phaseSignoff } from './signoff.ts';

export const acceptanceProbes = [
  defineProbe<'phase', Record<string, never>>({
    name: 'acceptance.signoff',
    summary:
      "A closed phase's sign-off (the phase's own document, else the newest USER_ACCEPTANCE.md) is filled with a name, an ISO date and a decision, and approved the evidence of this run",
    target: 'phase',
    params: { type: 'object', additionalProperties: false, properties: {} },
    run: (ctx, phase) =>
      phaseSignoff(phase, {
        document: phase.document ? ctx.path(phase.document) : undefined,
        reportsDir: ctx.options.reportsDir,
        today: localDate(ctx.options.now, ctx.policy.rubric.timezone),
      }),
  }),
];
