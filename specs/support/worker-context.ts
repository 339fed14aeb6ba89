/**
 * A ProbeContext inside the worker, for controls written in TypeScript (custom-control.ts).
 * The policy comes from the engine on first use; the probe catalog loads only if a custom
 * control asks for a fact measured by a probe. A control's bookkeeping (category, waivers,
 * blocking) needs only the policy's rules, asked separately.
 */
import { type PolicyRules, requestPolicy, requestPolicyRules } from './engine-client.ts';
import { runOptionsFromEnv } from './options.ts';
import { RunContext } from './run-context.ts';

let ctx: Promise<RunContext> | undefined;

export function workerContext(): Promise<RunContext> {
  ctx ??= requestPolicy().then(
    (policy) =>
      new RunContext(
        policy,
        runOptionsFromEnv(),
        async () => (await import('../../checks/catalog-index.ts')).catalogIndex,
      ),
  );
  return ctx;
}

let rules: Promise<PolicyRules> | undefined;

export function workerRules(): Promise<PolicyRules> {
  rules ??= requestPolicyRules();
  return rules;
}
