import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../policies/default-rubric.ts';
import { renderAcceptance } from './acceptance.ts';
import { renderAreaReport } from './area-report.ts';
import { renderAssessment } from './assessment.ts';
import { runNow } from './clock.ts';
import { renderHtml } from './html.ts';
import type { Results } from './results.ts';
import { buildRunReport } from './run.ts';
import { samplePolicy, sampleRow, sampleRows } from './sample.ts';
import { renderSummary } from './summary.ts';

// Documents an auditor reads: any change to them shows up in review as a snapshot diff.
const now = runNow({ READYSPEC_NOW: '2025-01-31T23:30:00-02:00' });
const categories = {
  ...defaultRubric.categories,
  security: { ...defaultRubric.categories.security, minimum: 60 },
};
const policy = samplePolicy({
  warnings: ['waiver for SEC-HDR-002 on web expired on 2024-12-01: the control counts as unwaived'],
  inventory: { ...samplePolicy().inventory, phases: [{ name: 'go-live', title: 'Go live', closed: true }] },
  rubric: { ...defaultRubric, categories },
});
const previous = {
  date: '2025-01-30',
  generatedAt: '2025-01-30T06:00:00.000Z',
  grade: { score: 71.2, letter: 'B', capped: false },
  decision: { ready: false, blocking: [] },
  controls: [
    { id: 'AVAIL-HTTP-001', target: 'web', title: 'Site answers 200', outcome: 'fail' },
    { id: 'AVAIL-HTTP-002', target: 'api', title: 'API p95 latency', outcome: 'pass' },
    { id: 'SEC-HDR-002', target: 'web', title: 'HSTS', outcome: 'waived' },
  ],
} as unknown as Results;
const { report } = buildRunReport(sampleRows(), policy, now, previous);

describe('documents (snapshots with a fixed clock)', () => {
  it('dates the run in the rubric time zone', () => {
    expect(report.date).toBe('2025-02-01');
    expect(
      buildRunReport(sampleRows(), samplePolicy({}, { timezone: 'America/Sao_Paulo' }), now).report.date,
    ).toBe('2025-01-31');
  });

  it('PRODUCTION_READY_ASSESSMENT', async () => {
    const md = renderAssessment(report);
    await expect(md).toMatchFileSnapshot('./__snapshots__/PRODUCTION_READY_ASSESSMENT.md');
    expect(md).toContain('**C** (');
    expect(md).toContain('critical control SEC-TLS-001 failed on web (letter capped at C)');
  });

  it('SECURITY_AUDIT', async () => {
    const spec = policy.rubric.reports.find((r) => r.id === 'SECURITY_AUDIT')!;
    await expect(renderAreaReport(report, spec)).toMatchFileSnapshot('./__snapshots__/SECURITY_AUDIT.md');
  });

  it('USER_ACCEPTANCE', async () => {
    await expect(renderAcceptance(report, policy.inventory.phases[0])).toMatchFileSnapshot(
      './__snapshots__/USER_ACCEPTANCE.md',
    );
  });

  it('terminal summary', async () => {
    await expect(
      renderSummary(report, ['reports/2025-02-01/PRODUCTION_READY_ASSESSMENT_2025-02-01.md']),
    ).toMatchFileSnapshot('./__snapshots__/summary.txt');
  });

  it('caps the failing list in the terminal at 40 lines', () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      sampleRow({ id: `F-${String(i).padStart(2, '0')}`, outcome: 'fail' }),
    );
    const text = renderSummary(buildRunReport(many, policy, now).report, []);
    expect(text.match(/^ {2}FAIL /gm)).toHaveLength(40);
    expect(text).toContain('…and 5 more');
  });
});

describe('renderHtml', () => {
  it('is self-contained and renders tables', () => {
    const html = renderHtml(renderAssessment(report), 'Assessment');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('<table>');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it.each([
    ['raw HTML from a target', '<script>alert(1)</script> hi', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a javascript: link', '[click](javascript:alert(1))', 'click'],
    ['an image', '![x](http://evil.example/x.png)', 'x'],
  ])('neutralises %s', (_name, md, expected) => {
    const html = renderHtml(md, 't');
    expect(html).toContain(expected);
    expect(html).not.toMatch(/<script>|javascript:|<img/);
  });

  it('keeps http and relative links', () => {
    expect(renderHtml('[a](https://example.com/x) [b](./go-live/USER_ACCEPTANCE.html)', 't')).toContain(
      '<a href="https://example.com/x">a</a> <a href="./go-live/USER_ACCEPTANCE.html">b</a>',
    );
  });
});
