/**
 * Plan mode: every command a policy would run on its hosts, built from the probes' read-only
 * templates with the policy's params quoted in, without connecting to anything.
 */
import { TargetIndex } from '../policies/select.ts';
import type { Policy } from '../policies/types.ts';
import type { ProbeRegistry } from './registry.ts';

export interface PlannedCommand {
  host: string;
  control: string;
  template: string;
  script: string;
}

/**
 * Lists the commands of every enabled host control on every host it selects.
 * @example for (const c of planCommands(policy, catalog)) console.log(`${c.host}\t${c.control}\t${c.script}`)
 */
export function planCommands(policy: Policy, catalog: ProbeRegistry): PlannedCommand[] {
  const index = new TargetIndex(policy.inventory);
  const planned: PlannedCommand[] = [];
  for (const control of policy.controls) {
    const probe = catalog.get(control.check);
    if (control.enabled === false || !probe?.plan) continue;
    for (const target of index.select(control, probe).targets) {
      for (const command of probe.plan(target, control.params ?? {})) {
        planned.push({
          host: target.name,
          control: control.id,
          template: command.template,
          script: command.script,
        });
      }
    }
  }
  return planned;
}
