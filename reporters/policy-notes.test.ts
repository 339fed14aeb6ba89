/** Notes for the policy's author reach the terminal only for controls that did not pass. */
import { describe, expect, it } from 'vitest';
import type { Control } from '../policies/types.ts';
import { renderPolicyNotes } from './policy-notes.ts';
import type { Row } from './rows.ts';

const control = (id: string, policyNote?: string): Control => ({
  id,
  title: id,
  category: 'availability',
  severity: 'high',
  check: 'docker.containers',
  remediation: 'docker compose up -d',
  policyNote,
});
const row = (id: string, outcome: Row['outcome'], evidence: Row['evidence'] = {}): Row => ({
  id,
  title: id,
  category: 'availability',
  severity: 'high',
  check: 'docker.containers',
  target: 'atlas',
  targetKind: 'host',
  blocking: false,
  outcome,
  message: 'm',
  evidence,
  durationMs: 1,
});

describe('renderPolicyNotes', () => {
  const policy = {
    controls: [
      control('AVA-CTR-001', 'Set `expected:` per host.'),
      control('AVA-CTR-002', 'Name the containers.'),
      control('AVA-CTR-003'),
    ],
  };

  it('prints the note of a control that failed, erred or did not apply, not of one that passed', () => {
    const text = renderPolicyNotes(policy, [
      row('AVA-CTR-001', 'fail'),
      row('AVA-CTR-001', 'pass'),
      row('AVA-CTR-002', 'pass'),
      row('AVA-CTR-003', 'error'),
    ]);
    expect(text).toBe(
      '\nPolicy notes (for the policy, not the target; not in the documents):\n  AVA-CTR-001: Set `expected:` per host.\n',
    );
  });

  it('says how to enable the active checks the run left out', () => {
    const text = renderPolicyNotes({ controls: [] }, [
      row('DR-RESTORE-001', 'not-applicable', { active: false }),
      row('AVA-CTR-009', 'not-applicable', { reason: 'no docker endpoint' }),
    ]);
    expect(text).toContain(
      'DR-RESTORE-001: active checks (they change the target) run only with `active: true` on the control and READYSPEC_ACTIVE=1',
    );
    expect(text).not.toContain('AVA-CTR-009');
  });

  it('prints nothing when there is nothing to configure', () => {
    expect(renderPolicyNotes(policy, [row('AVA-CTR-001', 'pass')])).toBe('');
  });
});
