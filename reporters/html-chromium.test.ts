import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { visitPage } from '../fixtures/lab/chromium.ts';
import { defaultRubric } from '../policies/default-rubric.ts';
import { renderAssessment } from './assessment.ts';
import { runNow } from './clock.ts';
import type { HistoryEntry } from './history.ts';
import { renderDocument } from './html-page.ts';
import { buildRunReport } from './run.ts';
import { samplePolicy, sampleRow, sampleRows } from './sample.ts';

// Kept for CI to upload: the path is printed by the test.
const ARTIFACTS = resolve(process.env.READYSPEC_ARTIFACTS ?? 'reports-artifacts', 'html');

const now = runNow({ READYSPEC_NOW: '2025-01-31T23:30:00-02:00' });
const policy = samplePolicy({
  inventory: { ...samplePolicy().inventory, phases: [{ name: 'go-live', title: 'Go live', closed: true }] },
  rubric: {
    ...defaultRubric,
    categories: {
      ...defaultRubric.categories,
      security: { ...defaultRubric.categories.security, minimum: 60 },
    },
  },
});
const counts = { pass: 9, fail: 3, error: 1, waived: 1, 'not-applicable': 0 };
const history: HistoryEntry[] = [
  ['2025-01-27', 58.1, 'Failing'],
  ['2025-01-28', null, 'INCOMPLETE'],
  ['2025-01-29', 66.4, 'C+'],
  ['2025-01-30', 71.2, 'B'],
].map(([date, score, letter]) => ({
  date: date as string,
  generatedAt: `${date}T06:00:00.000Z`,
  score: score as number | null,
  letter: letter as string,
  ready: false,
  counts,
  results: `${date}/results.json`,
}));

// What the page reports about itself once laid out at 1280×900.
const PROBE = `(() => {
  const b = document.querySelector('header.banner').getBoundingClientRect();
  const id = document.querySelector('main table code');
  return {
    banner: { top: b.top, bottom: b.bottom, text: document.querySelector('header.banner').innerText },
    viewport: innerHeight,
    pictures: [...document.querySelectorAll('svg.pic')].map((s) => s.getBoundingClientRect().width > 0 && s.classList[1]),
    idWrap: getComputedStyle(id).whiteSpace,
    evidenceDisplay: getComputedStyle(document.querySelector('table.ev td:last-child code')).display,
    overflowX: document.documentElement.scrollWidth - innerWidth,
    runhead: getComputedStyle(document.querySelector('.frame > thead')).display,
  };
})()`;

function save(name: string, data: Buffer | string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  writeFileSync(path, data);
  return path;
}

describe('an assessment in headless Chromium (Debian chromium)', () => {
  it(
    'renders without console errors or requests; the verdict is in the first screen; prints a running header',
    { timeout: 120_000 },
    async () => {
      const { report } = buildRunReport(sampleRows(), policy, now);
      const title = `Production readiness assessment ${report.date}`;
      const { html } = renderDocument(renderAssessment(report), title, { report, history });
      // Statically: one file that loads nothing.
      expect(html).not.toMatch(/<script\b|<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
      expect(html).not.toMatch(/(src|href)\s*=\s*"?(https?:)?\/\//i);
      const file = save('assessment.html', html);
      const visit = await visitPage(pathToFileURL(file).href, PROBE);
      const png = save('assessment-1280x900.png', visit.screenshot);
      const pdf = save('assessment-print.pdf', visit.pdf);
      console.log(`chromium artifacts: ${png} ${pdf} ${file}`);

      expect(visit.consoleErrors).toEqual([]);
      expect(visit.requests).toEqual([]);
      const v = visit.value as {
        banner: { top: number; bottom: number; text: string };
        viewport: number;
        pictures: string[];
        idWrap: string;
        evidenceDisplay: string;
        overflowX: number;
        runhead: string;
      };
      expect(v.banner.top).toBeGreaterThanOrEqual(0);
      expect(v.banner.bottom).toBeLessThanOrEqual(v.viewport);
      expect(v.banner.text).toContain('NOT READY');
      expect(v.banner.text).toContain('C');
      expect(v.banner.text).toContain('72.8 / 100');
      expect(v.banner.text).toContain('2025-02-01');
      expect(v.banner.text).toContain('score 72.8 below the required 85');
      expect(v.pictures).toEqual(['bars', 'stacks', 'trend', 'chips']);
      expect(v.idWrap).toBe('nowrap');
      expect(v.evidenceDisplay).toBe('block');
      expect(v.overflowX).toBeLessThanOrEqual(0);
      expect(v.runhead).toBe('none');
      expect(visit.screenshot.subarray(1, 4).toString()).toBe('PNG');
      expect(visit.screenshot.readUInt32BE(16)).toBe(1280);

      // Printed: every page carries the running header and its number.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const pages = text.split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain('fixtures/policies/sample · 2025-02-01 · NOT READY · C 72.8');
        expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
      });
    },
  );

  it(
    'a long subject path wraps; evidence keeps its column: no key breaks across lines (as seen on a lab run)',
    { timeout: 120_000 },
    async () => {
      // The shape of REL-DISK-001 on this machine: mounts as subjects, one of them a long path.
      const disk = (subject: string, usedPercent: number) =>
        sampleRow({
          id: 'REL-DISK-001',
          title: 'Every filesystem has at least 15% free space',
          category: 'reliability',
          severity: 'high',
          check: 'host.disk',
          target: 'local',
          targetKind: 'host',
          subject,
          message: `${subject} is ${usedPercent}% full (max 85%)`,
          evidence: {
            source: 'local:df -P -k',
            observed: { usedPercent, mount: subject, filesystem: 'model_tools_unavailable' },
            expected: { maxPercent: 85 },
          },
        });
      const rows = [disk('/', 23.5), disk('/mnt/sandboxing/model_tools_env/v1/python/lib/site-packages', 0)];
      const { report } = buildRunReport(rows, samplePolicy(), now);
      const { html } = renderDocument(renderAssessment(report), 'disk', { report, history: [] });
      const file = save('long-subject.html', html);
      // Each evidence line's key (before ": ") is laid out on one line box.
      const probe = `(() => [...document.querySelectorAll('table.ev td:last-child code')].map((c) => {
        const r = document.createRange();
        const t = c.firstChild;
        r.setStart(t, 0);
        r.setEnd(t, Math.max(1, t.textContent.indexOf(': ')));
        return { key: r.toString(), boxes: new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size,
          width: c.parentElement.getBoundingClientRect().width };
      }))()`;
      const visit = await visitPage(pathToFileURL(file).href, probe);
      save('long-subject-1280x900.png', visit.screenshot);
      const keys = visit.value as { key: string; boxes: number; width: number }[];
      expect(keys.map((k) => k.key)).toContain('observed.usedPercent');
      for (const k of keys) {
        expect(k.boxes, k.key).toBe(1);
        expect(k.width, k.key).toBeGreaterThanOrEqual(240);
      }
      expect(visit.consoleErrors).toEqual([]);
    },
  );

  it(
    'the probe sees a console error and an external request when a page has them',
    { timeout: 120_000 },
    async () => {
      const file = save(
        'planted.html',
        '<!doctype html><p>x</p><img src="http://127.0.0.1:9/x.png"><script>console.error("planted")</script>',
      );
      const visit = await visitPage(pathToFileURL(file).href, '1');
      expect(visit.requests).toEqual(['http://127.0.0.1:9/x.png']);
      expect(visit.consoleErrors.join('\n')).toContain('planted');
    },
  );
});
