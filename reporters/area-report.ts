/** One document per rubric.reports entry (SECURITY_AUDIT_<date>.md…): the categories it covers. Pure. */

import type { ReportSpec } from '../policies/types.ts';
import { renderControlsByCategory } from './controls-table.ts';
import { renderFindings } from './findings.ts';
import { doc, fmtScore, table, text } from './format.ts';
import { decisionLine, gradeLine, type RunReport } from './model.ts';
import { whereOf } from './rows.ts';

export function areaFileName(spec: ReportSpec, date: string): string {
  return `${spec.id}_${date}.md`;
}

export function renderAreaReport(report: RunReport, spec: ReportSpec): string {
  const categories = report.card.categories.filter((c) => spec.categories.includes(c.id));
  const rows = report.rows.filter((r) => spec.categories.includes(r.category));
  const waived = rows.filter((r) => r.outcome === 'waived');
  return doc([
    `# ${text(spec.title)} — ${report.date}`,
    [
      `- **Policy:** ${text(report.policy)}`,
      `- **Generated:** ${report.generatedAt}`,
      `- **Covers:** ${categories.map((c) => text(c.title)).join(', ') || '—'}`,
      `- **Overall grade of the run:** ${gradeLine(report)}, ${decisionLine(report)}`,
    ].join('\n'),
    `## Scores\n\n${
      table(
        [
          'Category',
          'Weight',
          'Score',
          'Minimum',
          'Evaluated',
          'Met',
          'Failed',
          'Inconclusive',
          'Waived',
          'N/A',
        ],
        categories.map((c) => [
          text(c.title),
          String(c.weight),
          fmtScore(c.score),
          c.minimum === undefined ? '—' : String(c.minimum),
          String(c.evaluated),
          String(c.met),
          String(c.counts.fail),
          String(c.counts.error),
          String(c.counts.waived),
          String(c.counts['not-applicable']),
        ]),
      ) || '_No categories._'
    }`,
    renderFindings(
      rows,
      categories.map((c) => c.id),
    ),
    waived.length
      ? `## Waived\n\n${waived.map((r) => `- \`${r.id}\` on ${text(whereOf(r))}: ${text(r.waiver?.justification ?? '')} (owner ${text(r.waiver?.owner ?? '')}, approved by ${text(r.waiver?.approver ?? '')}, until ${r.waiver?.expires ?? ''})`).join('\n')}`
      : undefined,
    renderControlsByCategory(report.byCategory, categories),
  ]);
}
