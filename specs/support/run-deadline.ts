/**
 * The whole run's deadline: READYSPEC_RUN_DEADLINE, or derived from the plan so that it never
 * cuts a run that is merely large: every check may take its own deadline (6 × the timeout, or
 * the probe's deadlineMs), `concurrency` run at once, plus a minute for start and documents.
 * Armed once in the main process and passed to the worker through the environment.
 */
import type { ProbeRegistry } from '../../checks/registry.ts';
import { TargetIndex } from '../../policies/select.ts';
import type { Policy } from '../../policies/types.ts';
import type { AuditOptions } from './options.ts';
import { RUN_DEADLINE_AT } from './run-context.ts';

const START_AND_DOCUMENTS_MS = 60_000;

/**
 * Milliseconds a run of this policy may take when READYSPEC_RUN_DEADLINE does not say.
 * @example derivedRunDeadlineMs(policy, catalogIndex, { timeoutMs: 10_000, concurrency: 256 }) // 120000 for 100 checks
 */
export function derivedRunDeadlineMs(
  policy: Policy,
  registry: ProbeRegistry,
  options: Pick<AuditOptions, 'timeoutMs' | 'concurrency'>,
): number {
  const index = new TargetIndex(policy.inventory);
  let checks = 0;
  let longest = options.timeoutMs * 6;
  for (const control of policy.controls) {
    const probe = registry.get(control.check);
    if (!probe) continue;
    checks += index.select(control, probe).targets.length;
    longest = Math.max(longest, probe.deadlineMs ?? 0);
  }
  const waves = Math.max(1, Math.ceil(checks / Math.max(1, options.concurrency)));
  return START_AND_DOCUMENTS_MS + waves * longest;
}

/** Fixes the run's end (epoch ms) for every RunContext created after this call; returns it. */
export function armRunDeadline(ms: number, now = Date.now()): number {
  const at = now + ms;
  process.env[RUN_DEADLINE_AT] = String(at);
  return at;
}
