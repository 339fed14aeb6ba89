/**
 * Failed and inconclusive controls with their remediation: the part an operator acts on.
 * A collection check's failing subjects are listed under one item for its control × target.
 */
import { code, outcomeLabel, text } from './format.ts';
import type { Row } from './rows.ts';
import { controlRows, countLine, groupSummary } from './subject-groups.ts';

/** Past this many failing targets (or subjects) of one outcome, the rest are counted, not listed. */
const LISTED = 25;

export function renderFindings(rows: Row[]): string {
  const items: string[] = [];
  for (const control of controlRows(rows)) {
    for (const group of control.byOutcome) {
      const first = group[0] as Row;
      if (first.outcome !== 'fail' && first.outcome !== 'error') continue;
      const shown = group.length > LISTED ? group.slice(0, LISTED - 1) : group;
      for (const r of shown)
        items.push(
          `- ${code(r.id)} ${text(r.title)} on ${text(r.target)} (${r.severity}, **${outcomeLabel(r.outcome)}**): ${text(r.message)}.${fix(r)}`,
        );
      if (group.length > shown.length)
        items.push(
          `- ${code(first.id)}: ${outcomeLabel(first.outcome).toLowerCase()} on ${(group.length - shown.length).toLocaleString('en')} more targets (every one is in results.json).`,
        );
    }
    for (const { head, subjects } of control.groups) {
      const bad = subjects.filter((s) => s.outcome === 'fail' || s.outcome === 'error');
      if (bad.length === 0) continue;
      const { outcome, counts } = groupSummary(subjects);
      items.push(
        `- ${code(head.id)} ${text(head.title)} on ${text(head.target)} (${head.severity}, **${outcomeLabel(outcome)}**): ${text(countLine(subjects.length, counts))}.${fix(head)}`,
      );
      const shown = bad.length > LISTED ? bad.slice(0, LISTED - 1) : bad;
      for (const s of shown)
        items.push(`  - ${text(s.subject ?? '')} (**${outcomeLabel(s.outcome)}**): ${text(s.message)}`);
      if (bad.length > shown.length)
        items.push(
          `  - and ${(bad.length - shown.length).toLocaleString('en')} more (every one is in results.json)`,
        );
    }
  }
  return `## Findings\n\n${items.length ? items.join('\n') : '_No failed or inconclusive controls._'}`;
}

function fix(r: Row): string {
  return r.remediation ? ` Remediation: ${text(r.remediation)}` : '';
}
