/** The per-control table every document ends with, grouped by category. */
import type { Json } from '../checks/probe.ts';
import { evidenceCell } from './evidence-lines.ts';
import { code, outcomeLabel, table, text } from './format.ts';
import type { Row } from './rows.ts';
import type { CategoryScore } from './score.ts';
import { controlRows, countLine, groupSummary, type SubjectGroup } from './subject-groups.ts';

/**
 * Past this many targets with the same outcome, a control's rows fold into one line: a fleet
 * of 50,000 sites stays a document an auditor can read (results.json keeps every row).
 */
export const ROWS_PER_OUTCOME = 25;

/** Past this many passing subjects of one control × target, they fold into one line of names. */
export const PASSING_SUBJECTS_SHOWN = 10;

/** Names listed in a folded line of passing subjects. */
const NAMES_IN_FOLD = 20;

export function renderControlRows(rows: Row[]): string {
  const lines: string[][] = [];
  for (const control of controlRows(rows)) {
    for (const group of control.byOutcome) targetRows(group, lines);
    for (const group of control.groups) subjectRows(group, lines);
  }
  return table(['Control', 'Title', 'Target', 'Severity', 'Outcome', 'Message', 'Evidence'], lines);
}

function rowCells(r: Row, where: string): string[] {
  return [
    code(r.id),
    text(r.title),
    where,
    r.severity,
    `**${outcomeLabel(r.outcome)}**`,
    text(r.message),
    evidenceCell(r.evidence as Json),
  ];
}

/** Rows about whole targets, one outcome: folded past ROWS_PER_OUTCOME. */
function targetRows(group: Row[], lines: string[][]): void {
  const shown = group.length > ROWS_PER_OUTCOME ? group.slice(0, ROWS_PER_OUTCOME - 1) : group;
  for (const r of shown) lines.push(rowCells(r, text(r.target)));
  const folded = group.length - shown.length;
  if (folded > 0) {
    const r = group[0] as Row;
    const label = outcomeLabel(r.outcome);
    lines.push([
      code(r.id),
      text(r.title),
      `${folded.toLocaleString('en')} more targets`,
      r.severity,
      `**${label}**`,
      `${label.toLowerCase()} on ${folded.toLocaleString('en')} more targets (every one is in results.json)`,
      '',
    ]);
  }
}

/**
 * A collection check on one target: a heading line with the counts, every subject that is not
 * a pass (folded past ROWS_PER_OUTCOME per outcome), and the passing ones, by name, folded
 * into one line past PASSING_SUBJECTS_SHOWN.
 */
function subjectRows({ head, subjects }: SubjectGroup, lines: string[][]): void {
  const { outcome, counts } = groupSummary(subjects);
  lines.push([
    code(head.id),
    text(head.title),
    text(head.target),
    head.severity,
    `**${outcomeLabel(outcome)}**`,
    text(countLine(subjects.length, counts)),
    '',
  ]);
  const bad = new Map<string, Row[]>();
  const passing: Row[] = [];
  for (const s of subjects) {
    if (s.outcome === 'pass') passing.push(s);
    else bad.set(s.outcome, [...(bad.get(s.outcome) ?? []), s]);
  }
  for (const list of bad.values()) {
    const shown = list.length > ROWS_PER_OUTCOME ? list.slice(0, ROWS_PER_OUTCOME - 1) : list;
    for (const s of shown) lines.push(subjectCells(s));
    if (list.length > shown.length) lines.push(foldCells(list.slice(shown.length)));
  }
  if (passing.length > PASSING_SUBJECTS_SHOWN) lines.push(foldCells(passing));
  else for (const s of passing) lines.push(subjectCells(s));
}

function subjectCells(s: Row): string[] {
  return [
    '',
    '',
    `› ${text(s.subject ?? '')}`,
    '',
    `**${outcomeLabel(s.outcome)}**`,
    text(s.message),
    evidenceCell(s.evidence as Json),
  ];
}

function foldCells(list: Row[]): string[] {
  const first = list[0] as Row;
  const names = list.slice(0, NAMES_IN_FOLD).map((s) => s.subject ?? '');
  const more =
    list.length > NAMES_IN_FOLD ? ` and ${(list.length - NAMES_IN_FOLD).toLocaleString('en')} more` : '';
  return [
    '',
    '',
    `› ${list.length.toLocaleString('en')} subjects`,
    '',
    `**${outcomeLabel(first.outcome)}**`,
    text(`${names.join(', ')}${more} (each is in results.json)`),
    '',
  ];
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
