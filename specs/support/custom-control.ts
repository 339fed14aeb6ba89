/**
 * A control written in TypeScript instead of YAML, graded exactly like the others. It runs only
 * when the policy names its id (`custom: [REL-NODE-001]`); otherwise it registers nothing, and
 * the policy loader refuses a name no spec file defines (custom-catalog.ts).
 * @example
 * defineControl({ id: 'REL-NODE-001', title: 'Node.js is an LTS release', category: 'reliability',
 *   severity: 'low', target: 'audit-runner' }, async () => pass('Node 20', { observed: 20 }));
 *
 * A check that declares a parameter, `async (ctx) => …`, gets the run's probe context (hosts,
 * endpoints, transports): the worker then asks the engine for the whole policy, inventory
 * included. A check without one never makes the worker hold it.
 */
import { inject, type TestContext, test } from 'vitest';
import type { ProbeContext } from '../../checks/context.ts';
import { describeError, inconclusive, type ProbeResult } from '../../checks/probe.ts';
import { isBlocking } from '../../policies/blocking.ts';
import { secretForms } from '../../policies/secrets.ts';
import type { Severity } from '../../policies/types.ts';
import type { ControlMeta } from '../../reporters/meta.ts';
import { redactResult, reportSecretForms } from '../../reporters/redact.ts';
import { collector } from './custom-collector.ts';
import { runOptionsFromEnv } from './options.ts';
import { verdictOf } from './outcome-errors.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';
import { workerContext, workerRules } from './worker-context.ts';

export interface CustomControl {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  /** What it was checked on, as the report should name it. */
  target: string;
  blocking?: boolean;
  phase?: string;
  remediation?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Ids of the TypeScript controls the policy names (global-setup.ts). */
    'readyspec:custom': string[];
  }
}

let named: ReadonlySet<string> | undefined;

/** The policy's `custom:` list, as the global setup provided it; none when it provided none. */
function namedByPolicy(): ReadonlySet<string> {
  named ??= new Set(inject('readyspec:custom') ?? []);
  return named;
}

export function defineControl(
  control: CustomControl,
  check: (ctx: ProbeContext) => Promise<ProbeResult>,
): void {
  const collecting = collector();
  if (collecting) {
    collecting.push(control);
    return;
  }
  // Not named by the policy: no test at all, so it appears in no document, grade or count.
  if (!namedByPolicy().has(control.id)) return;
  test(`${control.id} ${control.title} @ ${control.target}`, async (t) => {
    const policy = await workerRules();
    const options = runOptionsFromEnv();
    if (!Object.hasOwn(policy.rubric.categories, control.category)) {
      throw new Error(
        `custom control ${control.id}: unknown category "${control.category}" (rubric has ${Object.keys(policy.rubric.categories).join(', ')})`,
      );
    }
    const started = performance.now();
    let result: ProbeResult;
    try {
      result = await check(check.length > 0 ? await workerContext() : noContext(control.id));
    } catch (err) {
      result = inconclusive(`custom control crashed: ${describeError(err)}`, { crashed: true });
    }
    // Redacted here, in the worker, before vitest prints its error: what this worker read
    // (secrets.ts) and, when it held the policy, every secret the policy references.
    result = redactResult(
      result,
      check.length > 0 ? reportSecretForms((await workerContext()).policy) : secretForms(),
    );
    const waived = applyWaiver(
      result.outcome,
      waiverLookup(policy)(control.id, control.target),
      options.now.toISOString().slice(0, 10),
    );
    const meta: ControlMeta = {
      ...control,
      check: 'custom',
      targetKind: 'custom',
      blocking: isBlocking(control, policy.rubric),
      outcome: waived.outcome,
      message: result.message,
      evidence: result.evidence,
      waiver: waived.waiver,
      durationMs: Math.round(performance.now() - started),
    };
    await settle(t, meta);
  });
}

/** What a check that declared no parameter gets: any use says how to ask for the context. */
function noContext(id: string): ProbeContext {
  return new Proxy({} as ProbeContext, {
    get(_, key) {
      throw new Error(
        `custom control ${id}: its check declares no parameter, so it gets no probe context (read ${String(key)}); write it as async (ctx) => …`,
      );
    },
  });
}

/** Records the meta on the test and turns the outcome into the test's state. */
async function settle(ctx: TestContext, meta: ControlMeta): Promise<void> {
  ctx.task.meta.readyspec = meta;
  const verdict = verdictOf(meta);
  if (verdict.state === 'fail') throw verdict.error;
  if (verdict.state === 'skip') ctx.skip(verdict.note);
  if (verdict.annotation) await ctx.annotate(verdict.annotation, 'waiver');
}
