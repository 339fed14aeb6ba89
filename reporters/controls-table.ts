/** The per-control table every document ends with, grouped by category. */
import type { Json } from '../checks/probe.ts';
import { code, compactEvidence, outcomeLabel, table, text } from './format.ts';
import type { Row } from './rows.ts';
import type { CategoryScore } from './score.ts';

/**
 * Past this many targets with the same outcome, a control's rows fold into one line: a fleet
 * of 50,000 sites stays a document an auditor can read (results.json keeps every row).
 */
export const ROWS_PER_OUTCOME = 25;

export function renderControlRows(rows: Row[]): string {
  const lines: string[][] = [];
  for (const group of byControlAndOutcome(rows)) {
    const shown = group.length > ROWS_PER_OUTCOME ? group.slice(0, ROWS_PER_OUTCOME - 1) : group;
    for (const r of shown) {
      const evidence = compactEvidence(r.evidence as Json);
      lines.push([
        code(r.id),
        text(r.title),
        text(r.target),
        r.severity,
        `**${outcomeLabel(r.outcome)}**`,
        text(r.message),
        evidence ? code(evidence) : '',
      ]);
    }
    const folded = group.length - shown.length;
    if (folded > 0) {
      const r = group[0];
      lines.push([
        code(r.id),
        text(r.title),
        `${folded.toLocaleString('en')} more targets`,
        r.severity,
        `**${outcomeLabel(r.outcome)}**`,
        `${outcomeLabel(r.outcome).toLowerCase()} on ${folded.toLocaleString('en')} more targets (every one is in results.json)`,
        '',
      ]);
    }
  }
  return table(['Control', 'Title', 'Target', 'Severity', 'Outcome', 'Message', 'Evidence'], lines);
}

/** Rows of one control and one outcome, in first-seen order (rows come sorted by id then target). */
function byControlAndOutcome(rows: Row[]): Row[][] {
  // Nested maps, not a joined key: no string is built per row (50,000 rows, several documents).
  const groups: Row[][] = [];
  const byId = new Map<string, Map<string, Row[]>>();
  for (const r of rows) {
    let byOutcome = byId.get(r.id);
    if (!byOutcome) {
      byOutcome = new Map();
      byId.set(r.id, byOutcome);
    }
    const g = byOutcome.get(r.outcome);
    if (g) g.push(r);
    else {
      const group = [r];
      byOutcome.set(r.outcome, group);
      groups.push(group);
    }
  }
  return groups;
}

const tables = new WeakMap<Row[], string>();

/** A category's table: the assessment and its area's document show the same rows, rendered once. */
function categoryTable(rows: Row[]): string {
  let rendered = tables.get(rows);
  if (rendered === undefined) {
    rendered = renderControlRows(rows);
    tables.set(rows, rendered);
  }
  return rendered;
}

/** One `###` section per category that has rows, in the category order given. */
export function renderControlsByCategory(
  byCategory: ReadonlyMap<string, Row[]>,
  categories: CategoryScore[],
  heading = '##',
): string {
  const sections = categories
    .map((c) => {
      const own = byCategory.get(c.id);
      return own?.length ? `${heading}# ${text(c.title)}\n\n${categoryTable(own)}` : '';
    })
    .filter(Boolean);
  return `${heading} Controls\n\n${sections.length ? sections.join('\n\n') : '_No controls ran._'}`;
}

/** Failed and inconclusive controls with their remediation, the part an operator acts on. */
export function renderFindings(rows: Row[]): string {
  const failing = rows.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
  const items: string[] = [];
  for (const group of byControlAndOutcome(failing)) {
    const shown = group.length > ROWS_PER_OUTCOME ? group.slice(0, ROWS_PER_OUTCOME - 1) : group;
    for (const r of shown) {
      const fix = r.remediation ? ` Remediation: ${text(r.remediation)}` : '';
      items.push(
        `- ${code(r.id)} ${text(r.title)} on ${text(r.target)} (${r.severity}, **${outcomeLabel(r.outcome)}**): ${text(r.message)}.${fix}`,
      );
    }
    const folded = group.length - shown.length;
    if (folded > 0) {
      const r = group[0];
      items.push(
        `- ${code(r.id)}: ${outcomeLabel(r.outcome).toLowerCase()} on ${folded.toLocaleString('en')} more targets (every one is in results.json).`,
      );
    }
  }
  return `## Findings\n\n${items.length ? items.join('\n') : '_No failed or inconclusive controls._'}`;
}
