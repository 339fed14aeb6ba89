/** The per-control table every document ends with, grouped by category. */
import type { Json } from '../checks/probe.ts';
import { code, compactEvidence, outcomeLabel, table, text } from './format.ts';
import type { Row } from './rows.ts';
import type { CategoryScore } from './score.ts';

export function renderControlRows(rows: Row[]): string {
  return table(
    ['Control', 'Title', 'Target', 'Severity', 'Outcome', 'Message', 'Evidence'],
    rows.map((r) => {
      const evidence = compactEvidence(r.evidence as Json);
      return [
        code(r.id),
        text(r.title),
        text(r.target),
        r.severity,
        `**${outcomeLabel(r.outcome)}**`,
        text(r.message),
        evidence ? code(evidence) : '',
      ];
    }),
  );
}

/** One `###` section per category that has rows, in the category order given. */
export function renderControlsByCategory(rows: Row[], categories: CategoryScore[], heading = '##'): string {
  const sections = categories
    .map((c) => {
      const own = rows.filter((r) => r.category === c.id);
      return own.length ? `${heading}# ${text(c.title)}\n\n${renderControlRows(own)}` : '';
    })
    .filter(Boolean);
  return `${heading} Controls\n\n${sections.length ? sections.join('\n\n') : '_No controls ran._'}`;
}

/** Failed and inconclusive controls with their remediation, the part an operator acts on. */
export function renderFindings(rows: Row[]): string {
  const failing = rows.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
  const items = failing.map((r) => {
    const fix = r.remediation ? ` Remediation: ${text(r.remediation)}` : '';
    return `- ${code(r.id)} ${text(r.title)} on ${text(r.target)} (${r.severity}, **${outcomeLabel(r.outcome)}**): ${text(r.message)}.${fix}`;
  });
  return `## Findings\n\n${items.length ? items.join('\n') : '_No failed or inconclusive controls._'}`;
}
