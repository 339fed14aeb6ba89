import { describe, expect, it } from 'vitest';
import { settleSignoffRows } from './phase-digest.ts';
import { sampleRow } from './sample.ts';
import { settledNotice } from './settled-notice.ts';

describe('settledNotice', () => {
  const signoff = (outcome: 'pass' | 'fail', approvedDigest: string) =>
    sampleRow({
      id: 'ACC-SIGN-001',
      category: 'acceptance',
      check: 'acceptance.signoff',
      target: 'go-live',
      targetKind: 'phase',
      phase: 'go-live',
      outcome,
      message: 'phase go-live: accepted by Dana Reyes on 2025-03-03',
      evidence: {
        phase: 'go-live',
        status: 'signed',
        decision: 'accepted',
        conditions: null,
        signer: 'Dana Reyes',
        date: '2025-03-03',
        document: 'x.md',
        approvedRun: '2025-03-03T10:00:00.000Z',
        approvedDigest,
        currentRun: null,
        currentDigest: null,
        evidenceState: 'not compared',
      },
    });
  const phaseRow = sampleRow({ id: 'OPS-002', target: 'prom', phase: 'go-live', outcome: 'fail' });

  it('names a sign-off whose test passed and that the reporter graded FAIL (evidence changed)', () => {
    const ran = [phaseRow, signoff('pass', 'sha256:ffffffffffffffff')];
    const graded = settleSignoffRows(ran, '2025-03-05T09:00:00.000Z');
    const notice = settledNotice(ran, graded);
    expect(notice).toContain('Settled after the tests');
    expect(notice).toMatch(
      /^ {2}ACC-SIGN-001 @ go-live: its test ran as PASS; graded FAIL once every result was in: phase go-live: evidence changed since sign-off/m,
    );
    expect(notice.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(1);
  });

  it('is empty when the reporter changed no outcome', () => {
    const ran = [phaseRow, signoff('pass', 'sha256:ffffffffffffffff')];
    expect(settledNotice(ran, settleSignoffRows(ran, 'run', true))).toBe('');
    expect(settledNotice(ran, ran)).toBe('');
  });
});
