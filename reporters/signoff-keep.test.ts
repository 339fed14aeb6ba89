/**
 * A sign-off a person wrote in a form the check cannot read (plain lines, a note, another
 * layout) is never replaced by the blank template: it is kept byte for byte, the run warns
 * naming the file, and the phase is not signed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phaseSignoff } from '../checks/acceptance/signoff.ts';
import { localDate } from './clock.ts';
import type { Row } from './rows.ts';
import { writeReports } from './run.ts';
import { samplePolicy, sampleRow } from './sample.ts';
import { parseSignoff, renderSignoff } from './signoff.ts';

const OLD_TEMPLATE =
  '## Sign-off\n\nFill in the fields below. Decision is one of: accepted, conditional, rejected; list the conditions of a conditional acceptance. readyspec regenerates the rest of this document and keeps a filled sign-off as written.\n\n- **Name:**\n- **Role:**\n- **Date:**\n- **Decision:**\n- **Conditions:**\n';
const prefilled = renderSignoff({ run: '2025-01-19T10:00:00.000Z', digest: 'sha256:0123456789abcdef' });

describe('parseSignoff: written', () => {
  it.each([
    { name: 'the blank template', block: renderSignoff(), written: false, filled: false },
    { name: 'the template prefilled with a run', block: prefilled, written: false, filled: false },
    { name: "an earlier version's template", block: OLD_TEMPLATE, written: false, filled: false },
    {
      name: 'plain lines instead of the list',
      block: '## Sign-off\n\nName: Dana Reyes\nDate: 2025-03-03\nDecision: accepted\n',
      written: true,
      filled: false,
    },
    {
      name: 'a note under the blank list',
      block: `${prefilled}\n\nApproved by phone, see ticket OPS-12.\n`,
      written: true,
      filled: false,
    },
    {
      name: 'a list item that is no field',
      block: '## Sign-off\n\n- Signed by Dana on 3 March\n- **Name:**\n',
      written: true,
      filled: false,
    },
    {
      name: 'a table',
      block: '## Sign-off\n\n| Name | Date |\n|---|---|\n| Dana | 2025-03-03 |\n',
      written: true,
      filled: false,
    },
    {
      name: 'a retyped heading, lower case',
      block: '## sign off\n\nName: Dana Reyes\n',
      written: true,
      filled: false,
    },
    {
      name: 'the filled list',
      block: prefilled.replace('- **Name:**', '- **Name:** Dana'),
      written: true,
      filled: true,
    },
  ])('$name', ({ block, written, filled }) => {
    const s = parseSignoff(`# User acceptance — go-live\n\n${block}`);
    expect(s).toMatchObject({ written, filled });
  });
});

/** One audit run: the check reads the sign-off, then the reporter writes (as `npm test` does). */
async function audit(reportsDir: string, at: string) {
  const now = new Date(at);
  const phase = { name: 'go-live', closed: true };
  const policy = samplePolicy({
    baseDir: reportsDir,
    inventory: { ...samplePolicy().inventory, phases: [phase] },
  });
  const checked = await phaseSignoff(phase, { reportsDir, today: localDate(now, policy.rubric.timezone) });
  const rows: Row[] = [
    sampleRow({ id: 'OPS-001', title: 'Targets up', target: 'prom', phase: phase.name }),
    sampleRow({
      id: 'ACC-SIGN-001',
      title: 'Closed phases are signed off',
      category: 'acceptance',
      check: 'acceptance.signoff',
      target: phase.name,
      targetKind: 'phase',
      outcome: checked.outcome,
      message: checked.message,
      evidence: checked.evidence,
    }),
  ];
  const written = await writeReports(rows, policy, { reportsDir, now });
  const path = join(reportsDir, written.report.date, 'go-live', 'USER_ACCEPTANCE.md');
  return {
    written,
    path,
    text: readFileSync(path, 'utf8'),
    row: written.results.controls.find((c) => c.id === 'ACC-SIGN-001')!,
  };
}

describe('USER_ACCEPTANCE.md with a sign-off the check cannot read', () => {
  it('keeps it byte for byte (CRLF too), warns naming the file, and does not count it as signed', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-keep-'));
    const first = await audit(reportsDir, '2025-03-03T10:00:00Z');
    expect(first.written.warnings).toEqual([]);
    // The signer replaces the template's list with plain lines, in a CRLF editor.
    const at = first.text.indexOf('## Sign-off\n');
    const plain =
      '## Sign-off\r\n\r\nName: Dana Reyes\r\nRole:   Service owner\r\nDate: 2025-03-03\r\nDecision: accepted  \r\n\r\n*signed on paper, scan in OPS-12*\r\n';
    writeFileSync(first.path, first.text.slice(0, at) + plain);

    const again = await audit(reportsDir, '2025-03-03T16:00:00Z');
    expect(again.text).toContain(plain.trimEnd());
    expect(again.text).not.toContain('- **Role:**');
    expect(again.written.warnings).toHaveLength(1);
    expect(again.written.warnings[0]).toContain(first.path);
    expect(again.written.warnings[0]).toMatch(/sign-off of phase go-live .* could not be read/);
    expect(again.row.outcome).toBe('error');
    expect(again.row.message).toContain('could not be read');
    expect(again.text).toContain('The sign-off below could not be read.');

    // The next day carries it as written into the new folder, still unread, still warned.
    const next = await audit(reportsDir, '2025-03-04T09:00:00Z');
    expect(next.path).not.toBe(first.path);
    expect(next.text).toContain(plain.trimEnd());
    expect(next.row.outcome).toBe('error');
    expect(next.written.warnings[0]).toContain(first.path);
    expect(readFileSync(first.path, 'utf8')).toContain(plain.trimEnd());
  });

  it('a newer unreadable sign-off is not overruled by an older filled one', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-keep-'));
    const day1 = await audit(reportsDir, '2025-03-03T10:00:00Z');
    const cut = day1.text.indexOf('## Sign-off\n');
    const filled = day1.text
      .slice(cut)
      .replace('- **Name:**', '- **Name:** Dana Reyes')
      .replace('- **Date:**', '- **Date:** 2025-03-03')
      .replace('- **Decision:**', '- **Decision:** accepted');
    writeFileSync(day1.path, day1.text.slice(0, cut) + filled);
    const day2 = await audit(reportsDir, '2025-03-04T10:00:00Z');
    expect(day2.row.outcome).toBe('pass');
    // On day 2 the signer withdraws it in words the check cannot read.
    const at = day2.text.indexOf('## Sign-off\n');
    const withdrawn = '## Sign-off\n\nWithdrawn: the restore drill failed. — Dana\n';
    writeFileSync(day2.path, day2.text.slice(0, at) + withdrawn);
    const day2b = await audit(reportsDir, '2025-03-04T15:00:00Z');
    expect(day2b.row.outcome).toBe('error');
    expect(day2b.text).toContain(withdrawn.trimEnd());
    expect(day2b.written.warnings[0]).toContain(day2.path);
  });
});
