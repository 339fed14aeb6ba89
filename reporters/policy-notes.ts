/**
 * What the terminal tells whoever maintains the policy, and no document repeats: each control's
 * `policyNote` (how to configure readyspec for it) when the control did not pass, and how to
 * enable the active checks this run left out. Remediation (how to fix the target) stays in the
 * documents; this is the other half. Pure.
 */
import type { Policy } from '../policies/types.ts';
import type { Row } from './rows.ts';

const MAX_NOTES = 20;

/** Evidence the engine gives an active check it did not run (specs/support/engine.ts). */
function isInactive(row: Row): boolean {
  const evidence = row.evidence as { active?: unknown } | null;
  return row.outcome === 'not-applicable' && evidence?.active === false;
}

export function renderPolicyNotes(policy: Pick<Policy, 'controls'>, rows: readonly Row[]): string {
  const notPassing = new Set<string>();
  const inactive = new Set<string>();
  for (const r of rows) {
    if (r.outcome !== 'pass' && r.outcome !== 'waived') notPassing.add(r.id);
    if (isInactive(r)) inactive.add(r.id);
  }
  const lines: string[] = [];
  for (const c of policy.controls)
    if (c.policyNote && notPassing.has(c.id)) lines.push(`  ${c.id}: ${c.policyNote.trim()}`);
  if (inactive.size)
    lines.push(
      `  ${[...inactive].sort().join(', ')}: active checks (they change the target) run only with \`active: true\` on the control and READYSPEC_ACTIVE=1`,
    );
  if (lines.length === 0) return '';
  const shown = lines.slice(0, MAX_NOTES);
  if (lines.length > MAX_NOTES) shown.push(`  …and ${lines.length - MAX_NOTES} more`);
  return ['', 'Policy notes (for the policy, not the target; not in the documents):', ...shown, ''].join(
    '\n',
  );
}
