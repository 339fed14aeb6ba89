import { describe, expect, it } from 'vitest';
import { judgeSignoff } from '../checks/acceptance/judge.ts';
import { dateProblem } from './iso-date.ts';
import { phaseDigest, settleSignoff } from './phase-digest.ts';
import { sampleRow } from './sample.ts';
import { parseSignoff, renderSignoff, sameBlock } from './signoff.ts';

const doc = (signoff: string) =>
  `# User acceptance — go-live\n\n## Evidence checklist\n\n- [x] A\n\n${signoff}\n`;
const block = (fields: Record<string, string>) =>
  ['## Sign-off', '', ...Object.entries(fields).map(([k, v]) => `- **${k}:** ${v}`)].join('\n');
const signed = {
  Name: 'Erin Auditor',
  Role: 'QA lead',
  Date: '2025-01-20',
  Decision: 'accepted',
  Conditions: '',
  'Approved run': '2025-01-19T10:00:00.000Z',
  'Evidence digest': 'sha256:0123456789abcdef',
};

describe('parseSignoff', () => {
  it.each([
    {
      name: 'the blank block readyspec writes, prefilled with the run: not filled',
      markdown: doc(renderSignoff({ run: '2025-01-19T10:00:00.000Z', digest: 'sha256:0123456789abcdef' })),
      expected: {
        name: '',
        date: '',
        decision: '',
        approvedRun: '2025-01-19T10:00:00.000Z',
        evidenceDigest: 'sha256:0123456789abcdef',
        filled: false,
        valid: false,
      },
    },
    {
      name: 'a complete sign-off with what it approved',
      markdown: doc(block(signed)),
      expected: {
        name: 'Erin Auditor',
        role: 'QA lead',
        date: '2025-01-20',
        decision: 'accepted',
        filled: true,
        valid: true,
      },
    },
    {
      name: 'bold labels, a wrapped conditions line, a capitalised decision',
      markdown: doc(
        '## Sign-off\n\n- **Name:** Erin Auditor\n- **Date:** 2025-01-20\n- **Decision:** Conditional\n- **Conditions:** fix backups\n  within 30 days',
      ),
      expected: { decision: 'conditional', conditions: 'fix backups within 30 days', valid: true },
    },
    {
      name: 'plain labels, only a name',
      markdown: doc('## Sign-off\n\n- Name: Sam\n- Role:\n- Date:\n- Decision:\n- Conditions:'),
      expected: { name: 'Sam', decision: '', filled: true, valid: false },
    },
    {
      name: 'malformed: an unknown decision is filled but not valid',
      markdown: doc('## Sign-off\n\n- **Name:** Sam\n- **Date:** 2025-01-02\n- **Decision:** maybe'),
      expected: { decision: 'maybe', filled: true, valid: false },
    },
    {
      name: 'malformed: template hints only do not count as filled',
      markdown: doc('## Sign-off\n\n- **Name:** _…_\n- **Date:** ...\n- **Decision:** —'),
      expected: { filled: false, name: '', date: '', valid: false },
    },
    {
      name: 'a heading of depth 3 named Sign-off is not the block',
      markdown: '# T\n\n### Sign-off\n\n- **Name:** Sam\n',
      expected: undefined,
    },
  ])('$name', ({ markdown, expected }) => {
    const s = parseSignoff(markdown);
    if (expected === undefined) expect(s).toBeUndefined();
    else expect(s).toMatchObject(expected);
  });

  it('is undefined without a sign-off section, and stops at the next section', () => {
    expect(parseSignoff('# Title\n\n- **Name:** x\n')).toBeUndefined();
    const s = parseSignoff('## Sign-off\n\n- **Name:** A\n\n## Notes\n\n- **Decision:** rejected\n');
    expect(s).toMatchObject({ name: 'A', decision: '' });
    expect(s?.raw).toBe('## Sign-off\n\n- **Name:** A\n\n');
  });

  it('keeps CRLF line endings in the verbatim block', () => {
    const crlf = doc(block(signed)).replace(/\n/g, '\r\n');
    const s = parseSignoff(`${crlf}\r\n## Notes\r\n\r\nlater\r\n`);
    expect(s).toMatchObject({
      name: 'Erin Auditor',
      decision: 'accepted',
      evidenceDigest: 'sha256:0123456789abcdef',
    });
    expect(s?.raw.startsWith('## Sign-off\r\n\r\n- **Name:** Erin Auditor\r\n')).toBe(true);
    expect(s?.raw).not.toMatch(/[^\r]\n/);
    expect(crlf).toContain(s?.raw.trimEnd());
    expect(sameBlock(s!.raw, block(signed))).toBe(true);
  });

  it('bounds a hostile field value in what is read, never in the kept block', () => {
    const long = 'x'.repeat(10_000);
    const s = parseSignoff(doc(block({ ...signed, Name: long })));
    expect(s?.name).toHaveLength(500);
    expect(s?.raw).toContain(long);
  });

  it('finds the block after a link definition marked drops from its tokens', () => {
    const s = parseSignoff('# T\n\n[ref]: https://example.com\n\n## Sign-off\n\n- **Name:** Kim\n');
    expect(s?.raw).toBe('## Sign-off\n\n- **Name:** Kim\n');
  });
});

describe('dateProblem (strict ISO dates, not after today)', () => {
  it.each([
    ['2025-01-20', undefined],
    ['2024-02-29', undefined],
    ['2025-06-15', undefined],
    ['1', 'is not a date in the form YYYY-MM-DD'],
    ['soon 2026', 'is not a date in the form YYYY-MM-DD'],
    ['2025-1-5', 'is not a date in the form YYYY-MM-DD'],
    ['20/01/2025', 'is not a date in the form YYYY-MM-DD'],
    ['2025-01-20T10:00', 'is not a date in the form YYYY-MM-DD'],
    ['2026-02-30', 'is not a calendar date'],
    ['2025-02-29', 'is not a calendar date'],
    ['2025-13-01', 'is not a calendar date'],
    ['2025-06-16', 'is after today (2025-06-15)'],
  ])('%s → %s', (value, problem) => {
    expect(dateProblem(value, '2025-06-15')).toBe(problem);
  });
});

describe('judgeSignoff', () => {
  const phase = { name: 'go-live', closed: true };
  const path = 'reports/2025-06-15/go-live/USER_ACCEPTANCE.md';
  const judge = (fields: Record<string, string>) =>
    judgeSignoff(
      phase,
      { source: 'reports', path, signoff: parseSignoff(doc(block(fields))) },
      '2025-06-15',
      'reports',
    );

  it.each([
    [{ ...signed }, 'pass', /accepted by Erin Auditor on 2025-01-20/],
    [
      { ...signed, Decision: 'conditional', Conditions: 'DR test by July' },
      'pass',
      /with conditions .*DR test by July/,
    ],
    [{ ...signed, Decision: 'rejected' }, 'fail', /rejected by Erin Auditor/],
    [
      { ...signed, Date: '1' },
      'fail',
      /USER_ACCEPTANCE\.md: field "Date" "1" is not a date in the form YYYY-MM-DD/,
    ],
    [
      { ...signed, Date: 'soon 2026' },
      'fail',
      /field "Date" "soon 2026" is not a date in the form YYYY-MM-DD/,
    ],
    [{ ...signed, Date: '2026-02-30' }, 'fail', /field "Date" "2026-02-30" is not a calendar date/],
    [{ ...signed, Date: '2025-06-16' }, 'fail', /field "Date" "2025-06-16" is after today \(2025-06-15\)/],
    [{ ...signed, Decision: 'ok' }, 'fail', /field "Decision" "ok" is not accepted, conditional or rejected/],
    [
      { ...signed, 'Evidence digest': 'abc' },
      'fail',
      /field "Evidence digest" "abc" is not a digest readyspec wrote/,
    ],
    [{ ...signed, Name: '', Date: '' }, 'fail', /lacks a name, a date/],
    [{ ...signed, Decision: 'conditional' }, 'fail', /lacks the conditions/],
  ])('%o → %s', (fields, outcome, message) => {
    const r = judge(fields);
    expect(r.outcome).toBe(outcome);
    expect(r.message).toMatch(message);
  });

  it('records what the sign-off approved, for the reporter to compare', () => {
    expect(judge(signed).evidence).toMatchObject({
      status: 'signed',
      approvedRun: '2025-01-19T10:00:00.000Z',
      approvedDigest: 'sha256:0123456789abcdef',
      evidenceState: 'not compared',
      document: path,
    });
  });
});

describe('settleSignoff (the evidence a sign-off approved, against this run)', () => {
  const rows = [
    sampleRow({ id: 'A', phase: 'go-live' }),
    sampleRow({
      id: 'B',
      phase: 'go-live',
      subject: 'web-1',
      outcome: 'fail',
      durationMs: 9,
      message: 'p95 800 ms',
    }),
    sampleRow({ id: 'C', phase: 'other' }),
    sampleRow({ id: 'S', phase: 'go-live', check: 'acceptance.signoff', outcome: 'fail' }),
  ];
  const digest = phaseDigest(rows, 'go-live');
  const judged = (approvedDigest: string | undefined) =>
    judgeSignoff(
      { name: 'go-live', closed: true },
      {
        source: 'reports',
        path: 'x.md',
        signoff: parseSignoff(doc(block({ ...signed, 'Evidence digest': approvedDigest ?? '' }))),
      },
      '2025-06-15',
      'reports',
    );
  const current = { run: '2025-06-15T08:00:00.000Z', digest };

  it('digests control, target, subject and outcome only, in any order', () => {
    expect(digest).toMatch(/^sha256:[0-9a-f]{16}$/);
    const noise = rows.map((r) => ({ ...r, message: `${r.message}!`, durationMs: 1234 }));
    expect(phaseDigest([...noise].reverse(), 'go-live')).toBe(digest);
    expect(
      phaseDigest(
        rows.filter((r) => r.id !== 'C'),
        'go-live',
      ),
    ).toBe(digest);
    expect(
      phaseDigest(
        rows.map((r) => (r.id === 'S' ? { ...r, outcome: 'pass' } : r)),
        'go-live',
      ),
    ).toBe(digest);
    expect(
      phaseDigest(
        rows.map((r) => (r.id === 'B' ? { ...r, outcome: 'pass' } : r)),
        'go-live',
      ),
    ).not.toBe(digest);
    expect(
      phaseDigest(
        rows.map((r) => (r.id === 'B' ? { ...r, subject: 'web-2' } : r)),
        'go-live',
      ),
    ).not.toBe(digest);
  });

  it('unchanged evidence keeps the pass and says so', () => {
    const r = settleSignoff(judged(digest), current);
    expect(r.outcome).toBe('pass');
    expect(r.evidence).toMatchObject({ status: 'signed', evidenceState: 'unchanged', currentDigest: digest });
    expect(r.message).toMatch(/evidence unchanged since sign-off/);
  });

  it('changed evidence fails with both digests and both runs', () => {
    const r = settleSignoff(judged('sha256:ffffffffffffffff'), current);
    expect(r.outcome).toBe('fail');
    expect(r.evidence).toMatchObject({ status: 'evidence-changed', evidenceState: 'changed' });
    expect(r.message).toContain('evidence changed since sign-off');
    expect(r.message).toContain('sha256:ffffffffffffffff');
    expect(r.message).toContain(digest);
    expect(r.message).toContain('2025-01-19T10:00:00.000Z');
    expect(r.message).toContain('2025-06-15T08:00:00.000Z');
    expect(settleSignoff(r, current)).toBe(r);
  });

  it('a sign-off that recorded no digest passes, qualified as not recorded', () => {
    const r = settleSignoff(judged(undefined), current);
    expect(r.outcome).toBe('pass');
    expect(r.evidence.evidenceState).toBe('not recorded');
    expect(r.message).toMatch(/does not record which evidence it approved/);
  });
});
