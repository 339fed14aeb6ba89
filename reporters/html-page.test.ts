import { describe, expect, it } from 'vitest';
import { renderAssessment } from './assessment.ts';
import { runNow } from './clock.ts';
import { renderDocument } from './html-page.ts';
import { markPartial } from './partial.ts';
import { buildRunReport } from './run.ts';
import { samplePolicy, sampleRow, sampleRows } from './sample.ts';

const now = runNow({ READYSPEC_NOW: '2025-01-31T23:30:00-02:00' });
const { report } = buildRunReport(sampleRows(), samplePolicy(), now);

function sections(s: string, heading: RegExp): string[] {
  return [...s.matchAll(heading)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

describe('renderDocument', () => {
  it('Markdown and HTML open with the same verdict and keep the same sections in the same order', () => {
    const { markdown, html } = renderDocument(renderAssessment(report), 'A', { report, history: [] });
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^# Production readiness assessment/);
    expect(lines[2]).toMatch(/^> \*\*✗ NOT READY\*\* — grade C 72\.8 \/ 100 \(capped\) · 2025-02-01/);
    expect(markdown).toContain('> - score 72.8 below the required 85');
    expect(markdown).toContain('Grade trend, one recorded run: 2025-02-01 C 72.8 (this run).');
    expect(html.indexOf('class="banner v-notready"')).toBeLessThan(html.indexOf('<svg'));
    const md = sections(markdown, /^## (.+)$/gm);
    const h2 = sections(html, /<h2[^>]*>(.+?)<\/h2>/g);
    expect(md[0]).toBe('At a glance');
    expect(h2).toEqual(md);
    expect(html).toContain('<strong class="o o-fail">✗ FAIL</strong>');
    expect(html).toContain('<table class="ev">');
  });

  it.each([
    ['PARTIAL', { reason: 'only tests whose name matches -t "SEC" ran' }],
    ['INCOMPLETE', undefined],
  ])('%s', (state, partial) => {
    const rows =
      state === 'INCOMPLETE' ? sampleRows().map((r) => ({ ...r, outcome: 'error' as const })) : sampleRows();
    const run = buildRunReport(rows, samplePolicy(), now).report;
    const { markdown, html } = renderDocument(markPartial(renderAssessment(run), partial), 'A', {
      report: run,
      history: [],
      partial,
    });
    expect(markdown).toContain(`**${state === 'PARTIAL' ? '◐' : '?'} ${state}**`);
    expect(html).toContain(`data-state="${state}"`);
    // A partial run is not recorded: no point of its own in the trend.
    if (partial) expect(markdown).toContain('Grade trend, no recorded run yet.');
  });

  it('stays linear at 50,000 rows: pictures per category, not per row', () => {
    const build = (n: number) =>
      buildRunReport(
        Array.from({ length: n }, (_, i) =>
          sampleRow({
            id: `AVAIL-HTTP-${String(i % 40).padStart(3, '0')}`,
            target: `site-${i}`,
            outcome: i % 97 ? 'pass' : 'fail',
            evidence: { observed: 200, expected: [200], source: `https://site-${i}.example/` },
          }),
        ),
        samplePolicy(),
        now,
      ).report;
    const time = (n: number) => {
      const r = build(n);
      const start = performance.now();
      const { html } = renderDocument(renderAssessment(r), 'A', { report: r, history: [] });
      return { ms: performance.now() - start, svgs: html.match(/<svg /g)?.length };
    };
    time(5_000);
    const small = time(25_000);
    const large = time(50_000);
    expect(large.svgs).toBe(small.svgs);
    expect(large.ms).toBeLessThan(Math.max(4 * small.ms, 1_500));
  });
});
