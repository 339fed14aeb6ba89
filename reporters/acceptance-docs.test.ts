import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phaseSignoff } from '../checks/acceptance/signoff.ts';
import type { PhaseEntry } from '../policies/types.ts';
import { renderAcceptance } from './acceptance.ts';
import { localDate } from './clock.ts';
import type { Row } from './rows.ts';
import { buildRunReport, writeReports } from './run.ts';
import { samplePolicy, sampleRow } from './sample.ts';
import { parseSignoff } from './signoff.ts';
import { buildSignoffView } from './signoff-view.ts';

/** One audit day as `npm test` runs it: the check reads the sign-off, then the reporter writes. */
async function audit(
  reportsDir: string,
  baseDir: string,
  phase: PhaseEntry,
  at: string,
  failing: boolean,
  partial?: { reason: string },
) {
  const now = new Date(at);
  const policy = samplePolicy({ baseDir, inventory: { ...samplePolicy().inventory, phases: [phase] } });
  const checked = await phaseSignoff(phase, {
    document: phase.document ? join(baseDir, phase.document) : undefined,
    reportsDir,
    today: localDate(now, policy.rubric.timezone),
  });
  const rows: Row[] = [
    sampleRow({ id: 'OPS-001', title: 'Targets up', target: 'prom', phase: phase.name }),
    sampleRow({
      id: 'OPS-002',
      title: 'Rules loaded',
      target: 'prom',
      subject: 'alerts.yml',
      phase: phase.name,
      outcome: failing ? 'fail' : 'pass',
      message: failing ? 'rule group alerts.yml missing' : `loaded in ${now.getUTCHours()} ms`,
    }),
    sampleRow({
      id: 'ACC-SIGN-001',
      title: 'Closed phases are signed off',
      category: 'acceptance',
      severity: 'high',
      check: 'acceptance.signoff',
      target: phase.name,
      targetKind: 'phase',
      outcome: checked.outcome,
      message: checked.message,
      evidence: checked.evidence,
    }),
  ];
  // A partial run (`-t OPS-001`) holds only some of the phase's results.
  const ran = partial ? rows.filter((r) => r.id !== 'OPS-002') : rows;
  const written = await writeReports(ran, policy, { reportsDir, now, partial });
  const date = written.report.date;
  const folder = partial ? join(reportsDir, 'partial', date) : join(reportsDir, date);
  const read = (p: string) => readFileSync(join(folder, p), 'utf8');
  const acceptance = read(`${phase.name}/USER_ACCEPTANCE.md`);
  return {
    run: written.report.generatedAt,
    acceptance,
    html: read(`${phase.name}/USER_ACCEPTANCE.html`),
    assessment: read(`PRODUCTION_READY_ASSESSMENT_${date}.md`),
    row: written.results.controls.find((c) => c.id === 'ACC-SIGN-001')!,
    path: join(folder, phase.name, 'USER_ACCEPTANCE.md'),
  };
}

/** Fills the fields of the sign-off section only, as a person would in an editor. */
function sign(markdown: string, fields: Record<string, string>): string {
  const at = markdown.search(/\n## Sign-off\r?\n/);
  let block = markdown.slice(at);
  for (const [label, value] of Object.entries(fields)) {
    block = block.replace(new RegExp(`- \\*\\*${label}:\\*\\*.*`), `- **${label}:** ${value}`);
  }
  return markdown.slice(0, at) + block;
}

/** The assessment's phase table row and the acceptance document's state, signer and evidence cells. */
function phaseLine(assessment: string, phase: string): string[] {
  const line = assessment.split('\n').find((l) => l.startsWith(`| ${phase} |`))!;
  return line.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, ''));
}
function statusCell(acceptance: string, name: string): string {
  const line = acceptance.split('\n').find((l) => l.startsWith(`| ${name} |`))!;
  return line.split(' | ')[1].replace(/ \|$/, '');
}

describe('USER_ACCEPTANCE.md across days', () => {
  it('carries the sign-off into each new folder, keeps it verbatim and says when the evidence changed', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-days-'));
    const phase = { name: 'go-live', title: 'Go live', closed: true };

    const day1 = await audit(reportsDir, reportsDir, phase, '2025-03-03T10:00:00Z', false);
    expect(day1.row.outcome).toBe('fail');
    expect(day1.acceptance).toContain('- **Approved run:** 2025-03-03T10:00:00.000Z');
    const digest1 = parseSignoff(day1.acceptance)!.evidenceDigest;
    expect(digest1).toMatch(/^sha256:[0-9a-f]{16}$/);
    // The signer fills in the blank block and keeps the prefilled run and digest.
    const signedDoc = sign(day1.acceptance, {
      Name: 'Dana Reyes',
      Role: 'Service owner',
      Date: '2025-03-03',
      Decision: 'accepted',
    }).replace(/\n/g, '\r\n');
    writeFileSync(day1.path, signedDoc);
    const signedBlock = parseSignoff(signedDoc)!.raw.trimEnd();

    // Next day, same verdicts (a message with a timing changed): carried, unchanged, signed.
    const day2 = await audit(reportsDir, reportsDir, phase, '2025-03-04T09:00:00Z', false);
    expect(day2.acceptance).toContain(signedBlock);
    expect(day2.row.outcome).toBe('pass');
    expect(day2.row.message).toMatch(
      /accepted by Dana Reyes on 2025-03-03; evidence unchanged since sign-off/,
    );
    expect(phaseLine(day2.assessment, 'go-live').slice(1, 5)).toEqual([
      'signed',
      'Dana Reyes (Service owner)',
      '2025-03-03',
      'accepted',
    ]);
    expect(statusCell(day2.acceptance, 'State')).toBe('signed');
    expect(statusCell(day2.acceptance, 'Signer')).toBe('Dana Reyes (Service owner)');
    expect(statusCell(day2.acceptance, 'Evidence since sign-off')).toBe('unchanged since sign-off');
    expect(phaseLine(day2.assessment, 'go-live')[7]).toBe('unchanged since sign-off');
    expect(day2.acceptance).toContain(
      'the newest sign-off in the reports folder, carried into this document',
    );

    // A second run the same day regenerates the document around the same block.
    const day2b = await audit(reportsDir, reportsDir, phase, '2025-03-04T15:00:00Z', false);
    expect(day2b.acceptance).toContain(signedBlock);
    expect(day2b.acceptance).toContain('2025-03-04T15:00:00.000Z');

    // The day after, a verdict of the phase changed: no document may read "signed" unqualified.
    const day3 = await audit(reportsDir, reportsDir, phase, '2025-03-05T09:00:00Z', true);
    expect(day3.acceptance).toContain(signedBlock);
    expect(day3.row.outcome).toBe('fail');
    expect(day3.row.evidence).toMatchObject({ status: 'evidence-changed', evidenceState: 'changed' });
    const current = day3.row.evidence.currentDigest as string;
    expect(current).not.toBe(digest1);
    for (const text of [day3.acceptance, day3.assessment, day3.html, day3.row.message]) {
      expect(text).toContain('vidence changed since sign-off');
      expect(text).toContain(digest1);
      expect(text).toContain(current);
      expect(text).toContain('2025-03-03T10:00:00.000Z');
      expect(text).toContain('2025-03-05T09:00:00.000Z');
    }
    expect(phaseLine(day3.assessment, 'go-live')[1]).toBe('**evidence changed since sign-off**');
    expect(statusCell(day3.acceptance, 'State')).toBe('**evidence changed since sign-off**');
    expect(day3.assessment.split('### Awaiting sign-off')[1].split('###')[0]).toContain('go-live');

    // The signer approves the new results: this run's id and digest, a new date.
    writeFileSync(
      day3.path,
      sign(day3.acceptance, { Date: '2025-03-05', 'Approved run': day3.run, 'Evidence digest': current }),
    );
    const day4 = await audit(reportsDir, reportsDir, phase, '2025-03-06T09:00:00Z', true);
    expect(day4.row.outcome).toBe('pass');
    expect(statusCell(day4.acceptance, 'Evidence since sign-off')).toBe('unchanged since sign-off');
  });
});

describe('a partial run of a signed-off phase', () => {
  it('does not compare the evidence (never "evidence changed"), and offers no partial digest to sign', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-partial-signoff-'));
    const phase = { name: 'go-live', title: 'Go live', closed: true };
    const day1 = await audit(reportsDir, reportsDir, phase, '2025-03-03T10:00:00Z', false);
    writeFileSync(
      day1.path,
      sign(day1.acceptance, {
        Name: 'Dana Reyes',
        Role: 'Service owner',
        Date: '2025-03-03',
        Decision: 'accepted',
      }),
    );
    const part = await audit(reportsDir, reportsDir, phase, '2025-03-04T09:00:00Z', false, {
      reason: 'only tests whose name matches -t "OPS-001" ran',
    });
    expect(part.row.outcome).toBe('pass');
    expect(part.row.evidence).toMatchObject({
      status: 'signed',
      evidenceState: 'not compared',
      currentDigest: null,
    });
    expect(part.row.message).toMatch(
      /accepted by Dana Reyes on 2025-03-03 \(a partial run: not every result/,
    );
    // Only the assessment's section heading, listing none.
    const none = /Evidence changed since sign-off(<\/h3>)?\s*(<p>)?(_|<em>)None\.(_|<\/em>)/g;
    for (const text of [part.acceptance, part.assessment, part.html, part.row.message])
      expect(text.replace(none, '')).not.toMatch(/vidence changed/);
    expect(statusCell(part.acceptance, 'Evidence since sign-off')).toBe('not compared');
    expect(statusCell(part.acceptance, 'This run')).toBe(
      '2025-03-04T09:00:00.000Z, a partial run: its evidence is not compared',
    );
    // The whole run the next day still compares, and still matches what was signed.
    const day3 = await audit(reportsDir, reportsDir, phase, '2025-03-05T09:00:00Z', false);
    expect(day3.row.evidence).toMatchObject({ evidenceState: 'unchanged' });
  });

  it('a partial run with no sign-off yet leaves the digest blank for the signer', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-partial-blank-'));
    const phase = { name: 'go-live', title: 'Go live', closed: true };
    const part = await audit(reportsDir, reportsDir, phase, '2025-03-04T09:00:00Z', false, {
      reason: 'shard 1 of 2',
    });
    expect(parseSignoff(part.acceptance)?.evidenceDigest ?? '').toBe('');
  });
});

describe("a phase whose sign-off is the policy's own document", () => {
  it('shows that sign-off everywhere, and keeps one written in the generated copy without reading it', async () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'readyspec-own-'));
    const reportsDir = join(baseDir, 'reports');
    mkdirSync(join(baseDir, 'signoffs'));
    const committed =
      '# Go-live acceptance\n\n## Sign-off\n\n- **Name:** Lee Park\n- **Date:** 2025-03-01\n- **Decision:** accepted\n';
    writeFileSync(join(baseDir, 'signoffs/go-live.md'), committed);
    const phase = { name: 'go-live', closed: true, document: 'signoffs/go-live.md' };

    const first = await audit(reportsDir, baseDir, phase, '2025-03-03T10:00:00Z', false);
    expect(first.row.outcome).toBe('pass');
    expect(first.acceptance).toContain(committed.slice(committed.indexOf('## Sign-off')).trimEnd());
    expect(phaseLine(first.assessment, 'go-live')[2]).toBe('Lee Park');
    expect(statusCell(first.acceptance, 'Signer')).toBe('Lee Park');
    expect(statusCell(first.acceptance, 'Read from')).toMatch(
      /signoffs\/go-live\.md`, the phase's own document/,
    );
    expect(statusCell(first.acceptance, 'Evidence since sign-off')).toBe('not recorded by the sign-off');

    // Someone signs the generated copy instead: kept as written, flagged, never what is judged.
    writeFileSync(first.path, sign(first.acceptance, { Name: 'Sam Stray', Decision: 'rejected' }));
    const second = await audit(reportsDir, baseDir, phase, '2025-03-03T16:00:00Z', false);
    expect(parseSignoff(second.acceptance)).toMatchObject({ name: 'Sam Stray', decision: 'rejected' });
    expect(second.acceptance).toContain('written in this copy and is not read');
    expect(statusCell(second.acceptance, 'Signer')).toBe('Lee Park');
    expect(phaseLine(second.assessment, 'go-live')[2]).toBe('Lee Park');

    // The committed document disappears: an error in the check and in the document, never a pass.
    const gone = { ...phase, document: 'signoffs/missing.md' };
    const third = await audit(reportsDir, baseDir, gone, '2025-03-04T10:00:00Z', false);
    expect(third.row.outcome).toBe('error');
    expect(third.acceptance).toMatch(/\*\*ERROR\*\* — .*ENOENT|no such file/);
  });
});

describe('USER_ACCEPTANCE.md whose evidence changed since sign-off (snapshot an auditor reviews)', () => {
  it('says so above the kept block, with both digests and both runs', async () => {
    const phase = { name: 'go-live', title: 'Go live', closed: true };
    const now = new Date('2025-03-05T09:00:00Z');
    const policy = samplePolicy({ inventory: { ...samplePolicy().inventory, phases: [phase] } });
    const rows = [
      sampleRow({ id: 'OPS-001', title: 'Targets up', target: 'prom', phase: 'go-live' }),
      sampleRow({
        id: 'OPS-002',
        title: 'Rules loaded',
        target: 'prom',
        phase: 'go-live',
        outcome: 'fail',
        message: 'rule group alerts.yml missing',
      }),
    ];
    const { report } = buildRunReport(rows, policy, now);
    const signed = [
      '## Sign-off',
      '',
      'Signed after the go-live review meeting.',
      '',
      '- **Name:** Dana Reyes',
      '- **Role:** Service owner',
      '- **Date:** 2025-03-03',
      '- **Decision:** conditional',
      '- **Conditions:** restore drill re-run by 2025-04-01',
      '- **Approved run:** 2025-03-03T10:00:00.000Z',
      '- **Evidence digest:** sha256:a05ddcdd86602dd7',
      '',
    ].join('\n');
    const from = 'reports/2025-03-04/go-live/USER_ACCEPTANCE.md';
    const view = buildSignoffView(report, phase, {
      path: 'reports/2025-03-05/go-live/USER_ACCEPTANCE.md',
      found: { source: 'reports', path: from, signoff: parseSignoff(`# x\n\n${signed}`) },
    });
    const md = renderAcceptance(report, phase, view);
    await expect(md).toMatchFileSnapshot('./__snapshots__/USER_ACCEPTANCE_EVIDENCE_CHANGED.md');
    expect(md).toContain(signed.trimEnd());
    expect(view.outcome).toBe('fail');
    expect(view.evidence.status).toBe('evidence-changed');
  });
});
