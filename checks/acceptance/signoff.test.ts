import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { PhaseEntry } from '../../policies/types.ts';
import { renderPhases } from '../../reporters/phases.ts';
import type { Row } from '../../reporters/rows.ts';
import { renderSignoff } from '../../reporters/signoff.ts';
import { acceptanceProbes } from './probes.ts';

const dir = labDir('acceptance');
const reports = join(dir, 'reports');
const phases: PhaseEntry[] = [
  { name: 'discovery', closed: false },
  { name: 'never-generated', closed: true },
  { name: 'unsigned', closed: true },
  { name: 'signed-earlier', title: 'Migration', closed: true },
  { name: 'conditional', closed: true },
  { name: 'conditional-no-conditions', closed: true },
  { name: 'rejected', closed: true },
  { name: 'no-date', closed: true },
  { name: 'explicit', closed: true, document: 'signoffs/explicit.md' },
  { name: 'explicit-missing', closed: true, document: 'signoffs/nowhere.md' },
  { name: 'explicit-huge', closed: true, document: 'signoffs/huge.md' },
  { name: 'bad-date', closed: true },
  { name: 'future-date', closed: true },
  { name: 'future-folder', closed: true },
  { name: 'crlf', closed: true },
  { name: 'unreadable', closed: true },
  { name: 'open-signed', closed: false },
];
const ctx = labContext({
  baseDir: dir,
  inventory: { phases },
  probes: acceptanceProbes,
  // The run's clock: "today" is 2025-06-20 in the rubric's time zone (UTC).
  options: { reportsDir: reports, now: new Date('2025-06-20T12:00:00Z') },
});
const run = (phase: string) => acceptanceProbes[0].run(ctx, phases.find((p) => p.name === phase)!, {});

/** A USER_ACCEPTANCE.md as the reporter writes it, with the sign-off block filled in by a person (or not). */
function acceptance(date: string, phase: string, fields?: Record<string, string>) {
  const block = fields
    ? ['## Sign-off', '', ...Object.entries(fields).map(([k, v]) => `- **${k}:** ${v}`)].join('\n')
    : renderSignoff();
  const path = join(reports, date, phase, 'USER_ACCEPTANCE.md');
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `# User acceptance: ${phase}\n\n## Evidence checklist\n\n- [x] OPS-001\n\n${block}\n`);
  return path;
}

const accepted = {
  Name: 'Dana Reyes',
  Role: 'Service owner',
  Date: '2025-06-14',
  Decision: 'accepted',
  Conditions: '',
};

beforeAll(() => {
  acceptance('2025-06-15', 'unsigned');
  acceptance('2025-06-13', 'signed-earlier', accepted);
  acceptance('2025-06-15', 'signed-earlier');
  acceptance('2025-06-15', 'conditional', {
    ...accepted,
    Decision: 'conditional',
    Conditions: 'restore drill re-run by 2025-07-01',
  });
  acceptance('2025-06-15', 'conditional-no-conditions', { ...accepted, Decision: 'Conditional' });
  acceptance('2025-06-15', 'rejected', { ...accepted, Decision: 'rejected', Conditions: 'no DR test yet' });
  acceptance('2025-06-15', 'no-date', { ...accepted, Date: '' });
  acceptance('2025-06-15', 'open-signed', accepted);
  acceptance('2025-06-15', 'bad-date', { ...accepted, Date: '2026-02-30' });
  acceptance('2025-06-15', 'future-date', { ...accepted, Date: '2025-06-21' });
  // A folder dated after the run (a replayed clock) is not where today's sign-off comes from.
  acceptance('2025-06-25', 'future-folder', accepted);
  acceptance('2025-06-15', 'future-folder');
  const crlf = acceptance('2025-06-15', 'crlf', accepted);
  writeFileSync(crlf, readFileSync(crlf, 'utf8').replace(/\n/g, '\r\n'));
  // A document that exists but cannot be read: could not tell, never "awaiting sign-off".
  mkdirSync(join(reports, '2025-06-15', 'unreadable', 'USER_ACCEPTANCE.md'), { recursive: true });
  mkdirSync(join(dir, 'signoffs'));
  writeFileSync(join(dir, 'signoffs/huge.md'), `## Sign-off\n\n- **Name:** ${'x'.repeat(5 * 1024 * 1024)}\n`);
  writeFileSync(
    join(dir, 'signoffs/explicit.md'),
    [
      '# Acceptance',
      '',
      '## Sign-off',
      '',
      '- **Name:** Lee Park',
      '- **Date:** 2025-05-01',
      '- **Decision:** accepted',
    ].join('\n'),
  );
});

afterAll(() => ctx.close());

describe('acceptance.signoff', () => {
  it.each([
    ['discovery', 'not-applicable', { status: 'open', document: null }],
    ['never-generated', 'fail', { status: 'awaiting', document: null }],
    [
      'unsigned',
      'fail',
      { status: 'awaiting', signer: null, document: join(reports, '2025-06-15/unsigned/USER_ACCEPTANCE.md') },
    ],
    [
      'signed-earlier',
      'pass',
      {
        status: 'signed',
        decision: 'accepted',
        signer: 'Dana Reyes (Service owner)',
        date: '2025-06-14',
        document: join(reports, '2025-06-13/signed-earlier/USER_ACCEPTANCE.md'),
      },
    ],
    [
      'conditional',
      'pass',
      { status: 'conditional', decision: 'conditional', conditions: 'restore drill re-run by 2025-07-01' },
    ],
    ['conditional-no-conditions', 'fail', { status: 'awaiting', decision: 'conditional', conditions: null }],
    ['rejected', 'fail', { status: 'rejected', decision: 'rejected', conditions: 'no DR test yet' }],
    ['no-date', 'fail', { status: 'awaiting', date: null, signer: 'Dana Reyes (Service owner)' }],
    [
      'explicit',
      'pass',
      { status: 'signed', signer: 'Lee Park', document: join(dir, 'signoffs/explicit.md') },
    ],
    ['bad-date', 'fail', { status: 'awaiting', date: '2026-02-30' }],
    ['future-date', 'fail', { status: 'awaiting', date: '2025-06-21' }],
    [
      'future-folder',
      'fail',
      { status: 'awaiting', document: join(reports, '2025-06-15/future-folder/USER_ACCEPTANCE.md') },
    ],
    [
      'open-signed',
      'not-applicable',
      { status: 'open', signer: 'Dana Reyes (Service owner)', decision: 'accepted' },
    ],
    [
      'crlf',
      'pass',
      { status: 'signed', signer: 'Dana Reyes (Service owner)', evidenceState: 'not recorded' },
    ],
  ])('%s → %s', async (phase, outcome, evidence) => {
    const r = await run(phase);
    expect(r.outcome, r.message).toBe(outcome);
    expect(r.evidence).toMatchObject({ phase, ...evidence });
    expect(Object.keys(r.evidence).sort()).toEqual([
      'approvedDigest',
      'approvedRun',
      'conditions',
      'currentDigest',
      'currentRun',
      'date',
      'decision',
      'document',
      'evidenceState',
      'phase',
      'signer',
      'status',
    ]);
  });

  it('says what an incomplete sign-off lacks', async () => {
    expect((await run('no-date')).message).toMatch(/lacks a date/);
    expect((await run('conditional-no-conditions')).message).toMatch(/lacks the conditions/);
  });

  it('refuses a date that is not a real ISO date, or after today, naming the document and field', async () => {
    expect((await run('bad-date')).message).toBe(
      `phase bad-date: the sign-off in ${join(reports, '2025-06-15/bad-date/USER_ACCEPTANCE.md')}: field "Date" "2026-02-30" is not a calendar date`,
    );
    expect((await run('future-date')).message).toMatch(
      /field "Date" "2025-06-21" is after today \(2025-06-20\)/,
    );
  });

  it('is an error, not an unsigned phase, when a document is there but cannot be read', async () => {
    const r = await run('unreadable');
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/EISDIR|directory/);
    const huge = await run('explicit-huge');
    expect(huge.outcome).toBe('error');
    expect(huge.message).toMatch(/signoffs\/huge\.md is \d+ bytes, over the 4194304 bytes/);
  });

  it('is an error when the phase names a document that cannot be read', async () => {
    const r = await run('explicit-missing');
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/ENOENT|no such file/);
  });

  it("feeds the reporter's phase list: awaiting phases and conditions of conditional ones", async () => {
    const rows: Row[] = [];
    for (const phase of phases.filter(
      (p) => !['explicit-missing', 'explicit-huge', 'unreadable'].includes(p.name),
    )) {
      const r = await run(phase.name);
      rows.push({
        id: `ACC-SIGN-${rows.length + 1}`,
        title: 'Closed phases are signed off',
        category: 'acceptance',
        severity: 'high',
        check: 'acceptance.signoff',
        target: phase.name,
        targetKind: 'phase',
        blocking: false,
        outcome: r.outcome,
        message: r.message,
        evidence: r.evidence,
        durationMs: 1,
      });
    }
    const markdown = renderPhases(rows);
    const awaiting = markdown.split('### Awaiting sign-off')[1].split('###')[0];
    expect(awaiting).toContain('never-generated');
    expect(awaiting).toContain('unsigned');
    expect(awaiting).not.toContain('signed-earlier');
    expect(awaiting).not.toContain('discovery');
    expect(markdown).toMatch(/conditional: restore drill re-run by 2025-07-01/);
  });
});
