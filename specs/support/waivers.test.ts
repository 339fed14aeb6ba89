import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../policies/types.ts';
import { applyWaiver, waiverLookup } from './waivers.ts';

const w = (over: Partial<Waiver>): Waiver => ({
  control: 'AVL-DOCK-001',
  justification: 'Legacy service retired next sprint',
  owner: 'alice',
  approver: 'bob',
  expires: '2027-01-31',
  ...over,
});

describe('waiverLookup', () => {
  const subjectWaiver = w({ target: 'master', subject: 'legacy', owner: 'carol' });
  const targetWaiver = w({ target: 'lady' });
  const lookup = waiverLookup({ waivers: [subjectWaiver, targetWaiver] });

  it('a waiver naming a subject covers only that subject of that target', () => {
    expect(lookup('AVL-DOCK-001', 'master', 'legacy')).toBe(subjectWaiver);
    expect(lookup('AVL-DOCK-001', 'master', 'web')).toBeUndefined();
    expect(lookup('AVL-DOCK-001', 'master')).toBeUndefined();
    expect(lookup('AVL-DOCK-001', 'other', 'legacy')).toBeUndefined();
  });

  it('a waiver naming the target covers all its subjects; a control-wide one covers every target', () => {
    expect(lookup('AVL-DOCK-001', 'lady', 'web')).toBe(targetWaiver);
    const wide = w({});
    const all = waiverLookup({ waivers: [wide, subjectWaiver] });
    expect(all('AVL-DOCK-001', 'master', 'legacy')).toBe(subjectWaiver);
    expect(all('AVL-DOCK-001', 'master', 'web')).toBe(wide);
  });

  it('a lapsed waiver leaves the failure standing and says so', () => {
    expect(applyWaiver('fail', subjectWaiver, '2027-02-01')).toMatchObject({
      outcome: 'fail',
      waiver: { status: 'lapsed' },
    });
    expect(applyWaiver('fail', subjectWaiver, '2027-01-31')).toMatchObject({
      outcome: 'waived',
      waiver: { status: 'active' },
    });
    expect(applyWaiver('pass', subjectWaiver, '2027-01-01').outcome).toBe('pass');
  });
});
