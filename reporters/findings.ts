/**
 * Failed and inconclusive controls with their remediation: the part an operator acts on.
 * Most severe first, then by category (in the order given, the rubric's), then by control id.
 * A collection check's failing subjects are listed under one item for its control × target.
 */
import { code, outcomeLabel, text } from './format.ts';
import type { Row } from './rows.ts';
import { controlRows, countLine, groupSummary } from './subject-groups.ts';

/** Past this many failing targets (or subjects) of one outcome, the rest are counted, not listed. */
const LISTED = 25;

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Findings of one control: its lines, with what they sort by. */
interface Block {
  severity: number;
  category: number;
  /** Position in the id-sorted rows: ties keep control id order. */
  order: number;
  lines: string[];
}

export function renderFindings(rows: Row[], categoryOrder: readonly string[] = []): string {
  const blocks: Block[] = [];
  const rankOf = new Map(categoryOrder.map((id, i) => [id, i]));
  for (const control of controlRows(rows)) {
    const items: string[] = [];
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
    const sample = control.byOutcome[0]?.[0] ?? control.groups[0]?.head;
    if (items.length && sample)
      blocks.push({
        severity: SEVERITY_RANK[sample.severity] ?? 4,
        category: rankOf.get(sample.category) ?? categoryOrder.length,
        order: blocks.length,
        lines: items,
      });
  }
  blocks.sort((a, b) => a.severity - b.severity || a.category - b.category || a.order - b.order);
  const items = blocks.flatMap((b) => b.lines);
  return `## Findings\n\n${items.length ? items.join('\n') : '_No failed or inconclusive controls._'}`;
}

function fix(r: Row): string {
  return r.remediation ? ` Remediation: ${text(r.remediation)}` : '';
}
