import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from './run.ts';
import { samplePolicy, sampleRow, sampleRows } from './sample.ts';
import { keepSignoff, parseSignoff, renderSignoff } from './signoff.ts';

const doc = (signoff: string) =>
  `# User acceptance — go-live\n\n## Evidence checklist\n\n- [x] A\n\n${signoff}\n`;

describe('parseSignoff', () => {
  it('reads the empty block readyspec writes as not filled', () => {
    expect(parseSignoff(doc(renderSignoff()))).toMatchObject({
      name: '',
      date: '',
      decision: '',
      filled: false,
      valid: false,
    });
  });

  it.each([
    {
      name: 'all fields in bold labels',
      block:
        '## Sign-off\n\n- **Name:** Erin Auditor\n- **Role:** QA lead\n- **Date:** 2025-01-20\n- **Decision:** Conditional\n- **Conditions:** fix backups\n  within 30 days',
      expected: {
        name: 'Erin Auditor',
        role: 'QA lead',
        date: '2025-01-20',
        decision: 'conditional',
        conditions: 'fix backups within 30 days',
        filled: true,
        valid: true,
      },
    },
    {
      name: 'plain labels, only a name',
      block: '## Sign-off\n\n- Name: Sam\n- Role:\n- Date:\n- Decision:\n- Conditions:',
      expected: { name: 'Sam', decision: '', filled: true, valid: false },
    },
    {
      name: 'an unknown decision is filled but not valid',
      block: '## Sign-off\n\n- **Name:** Sam\n- **Date:** 2025-01-02\n- **Decision:** maybe',
      expected: { decision: 'maybe', filled: true, valid: false },
    },
  ])('$name', ({ block, expected }) => {
    expect(parseSignoff(doc(block))).toMatchObject(expected);
  });

  it('is undefined without a sign-off section, and stops at the next section', () => {
    expect(parseSignoff('# Title\n\n- **Name:** x\n')).toBeUndefined();
    const s = parseSignoff('## Sign-off\n\n- **Name:** A\n\n## Notes\n\n- **Decision:** rejected\n');
    expect(s).toMatchObject({ name: 'A', decision: '' });
    expect(s?.raw).toBe('## Sign-off\n\n- **Name:** A\n\n');
  });
});

describe('keepSignoff', () => {
  const filled =
    '## Sign-off\n\nSigned on paper, scanned copy in the wiki.\n\n- **Name:**   Erin  Auditor\n- **Role:** QA\n- **Date:** 2025-01-20\n- **Decision:** accepted\n- **Conditions:**\n';
  it('keeps a filled block verbatim and regenerates everything else', () => {
    const regenerated = doc(renderSignoff()).replace('- [x] A', '- [ ] A (now failing)');
    const out = keepSignoff(regenerated, doc(filled));
    expect(out).toContain('- [ ] A (now failing)');
    expect(out).toContain(filled);
    expect(out).not.toContain(renderSignoff());
  });

  it('regenerates an unfilled block', () => {
    const regenerated = doc(renderSignoff()).replace('- [x] A', '- [ ] B');
    expect(keepSignoff(regenerated, doc(renderSignoff().replace('Fill in', 'Old text: fill in')))).toBe(
      regenerated,
    );
  });
});

describe('USER_ACCEPTANCE.md across regenerations', () => {
  it('a sign-off a person filled in survives every later run; an unfilled one is regenerated', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'readyspec-signoff-'));
    const policy = samplePolicy({
      inventory: {
        ...samplePolicy().inventory,
        phases: [{ name: 'go-live', title: 'Go live', closed: true }, { name: 'pilot' }],
      },
    });
    const now = new Date('2025-01-31T10:00:00Z');
    const first = await writeReports(sampleRows(), policy, { reportsDir, now });
    const goLive = join(reportsDir, '2025-01-31', 'go-live', 'USER_ACCEPTANCE.md');
    const pilot = join(reportsDir, '2025-01-31', 'pilot', 'USER_ACCEPTANCE.md');
    expect(first.paths).toContain(goLive);
    expect(first.paths).toContain(pilot);

    const generated = readFileSync(goLive, 'utf8');
    const signed = generated
      .replace('- **Name:**', '- **Name:** Erin Auditor')
      .replace('- **Role:**', '- **Role:** Service owner')
      .replace('- **Date:**', '- **Date:** 2025-01-31')
      .replace('- **Decision:**', '- **Decision:** conditional')
      .replace('- **Conditions:**', '- **Conditions:** MON-PROM-002 fixed by Friday <b>really</b>');
    writeFileSync(goLive, signed);
    const signedBlock = parseSignoff(signed)!.raw;
    const pilotBefore = readFileSync(pilot, 'utf8');

    // Later the same day: the evidence changed, the sign-off must not.
    const rows = sampleRows().map((r) =>
      r.id === 'MON-PROM-002' ? sampleRow({ ...r, outcome: 'pass', message: 'rules loaded' }) : r,
    );
    await writeReports(rows, policy, { reportsDir, now: new Date('2025-01-31T15:00:00Z') });
    await writeReports(rows, policy, { reportsDir, now: new Date('2025-01-31T16:00:00Z') });
    const after = readFileSync(goLive, 'utf8');
    expect(after).toContain(signedBlock);
    expect(after).toContain('**PASS** — rules loaded');
    expect(after).toContain('2025-01-31T16:00:00.000Z');
    expect(parseSignoff(after)).toMatchObject({
      name: 'Erin Auditor',
      decision: 'conditional',
      filled: true,
      valid: true,
    });
    expect(readFileSync(goLive.replace(/\.md$/, '.html'), 'utf8')).toContain('Erin Auditor');

    const pilotAfter = readFileSync(pilot, 'utf8');
    expect(pilotAfter).not.toBe(pilotBefore);
    expect(parseSignoff(pilotAfter)).toMatchObject({ filled: false });
  });
});
