/** Applies waivers to an outcome: a failed control under a valid waiver is `waived`. */
import type { Outcome } from '../../checks/probe.ts';
import type { Policy, Waiver } from '../../policies/types.ts';
import type { RowOutcome, WaiverInfo } from '../../reporters/meta.ts';

export type WaiverLookup = (control: string, target: string, subject?: string) => Waiver | undefined;

const lookups = new WeakMap<Pick<Policy, 'waivers'>, WaiverLookup>();

/** The waiver covering a control on a target; the index is built once per policy. */
export function waiverLookup(policy: Pick<Policy, 'waivers'>): WaiverLookup {
  let lookup = lookups.get(policy);
  if (!lookup) {
    lookup = buildLookup(policy);
    lookups.set(policy, lookup);
  }
  return lookup;
}

function buildLookup(policy: Pick<Policy, 'waivers'>): WaiverLookup {
  const byControl = new Map<string, Waiver[]>();
  for (const w of policy.waivers) {
    const list = byControl.get(w.control) ?? [];
    list.push(w);
    byControl.set(w.control, list);
  }
  return (control, target, subject) => {
    const list = byControl.get(control);
    if (!list) return undefined;
    // The narrowest waiver wins: the subject's, then the target's, then a control-wide one.
    return (
      (subject === undefined ? undefined : list.find((w) => w.target === target && w.subject === subject)) ??
      list.find((w) => w.target === target && w.subject === undefined) ??
      list.find((w) => !w.target)
    );
  };
}

export function applyWaiver(
  outcome: Outcome,
  waiver: Waiver | undefined,
  today: string,
): { outcome: RowOutcome; waiver?: WaiverInfo } {
  if (!waiver) return { outcome };
  const status = waiver.expires >= today ? 'active' : 'lapsed';
  const info: WaiverInfo = {
    justification: waiver.justification,
    owner: waiver.owner,
    approver: waiver.approver,
    expires: waiver.expires,
    status,
  };
  return { outcome: outcome === 'fail' && status === 'active' ? 'waived' : outcome, waiver: info };
}
