/** PRODUCTION_READY_ASSESSMENT_<date>.md: the auditor's whole picture of one run. Pure. */
import { renderControlsByCategory } from './controls-table.ts';
import { renderFindings } from './findings.ts';
import { code, doc, fmtScore, list, percent, table, text } from './format.ts';
import type { ControlChange } from './history.ts';
import { decisionLine, gradeLine, type RunReport } from './model.ts';
import { renderPhases } from './phases.ts';
import { whereOf } from './rows.ts';

export function assessmentFileName(date: string): string {
  return `PRODUCTION_READY_ASSESSMENT_${date}.md`;
}

export function renderAssessment(report: RunReport): string {
  return doc([
    `# Production readiness assessment — ${report.date}`,
    summary(report),
    categories(report),
    `## Blocking items\n\n${list(
      report.decision.blocking.map((b) => text(b.message)),
      'Nothing blocks.',
    )}`,
    // What an operator acts on comes right after what blocks; the context follows.
    renderFindings(
      report.rows,
      report.card.categories.map((c) => c.id),
    ),
    `## Caps applied\n\n${report.card.grade.capReason ? `- ${text(report.card.grade.capReason)}` : '_No cap applied._'}`,
    coverage(report),
    change(report),
    renderPhases(report.rows),
    waivers(report),
    `## Policy warnings\n\n${list(report.warnings.map(text), 'None.')}`,
    renderControlsByCategory(report.byCategory, report.card.categories),
  ]);
}

function summary(r: RunReport): string {
  return [
    `- **Policy:** ${text(r.policy)}`,
    `- **Generated:** ${r.generatedAt} (report date ${r.date}, ${r.rubric.timezone})`,
    `- **Grade:** ${gradeLine(r)}`,
    `- **Decision:** ${decisionLine(r)} (threshold ${r.rubric.decision.minScore})`,
    `- **Controls:** ${r.rows.length} results`,
  ].join('\n');
}

function categories(r: RunReport): string {
  const rows = r.card.categories.map((c) => {
    const gap = c.minimum !== undefined && c.score !== null ? (c.score - c.minimum).toFixed(1) : '—';
    return [
      text(c.title),
      String(c.weight),
      fmtScore(c.score),
      c.minimum === undefined ? '—' : String(c.minimum),
      gap,
      String(c.evaluated),
      String(c.met),
      String(c.counts.fail),
      String(c.counts.error),
      String(c.counts.waived),
      String(c.counts['not-applicable']),
    ];
  });
  const head = [
    'Category',
    'Weight',
    'Score',
    'Minimum',
    'Gap',
    'Evaluated',
    'Met',
    'Failed',
    'Inconclusive',
    'Waived',
    'N/A',
  ];
  return `## Categories\n\n${table(head, rows)}`;
}

function coverage(r: RunReport): string {
  const c = r.card.coverage;
  const inconclusive = r.rows.filter((row) => row.outcome === 'error');
  const gate = r.card.incomplete ? ' — **over the limit: no grade is given (INCOMPLETE)**' : '';
  const subjects = r.rows.some((row) => row.subject !== undefined);
  // With subjects, the share is by control × target check (each of n subjects counts 1/n).
  const basis = subjects ? ' of the evaluated checks, a check over n subjects counting each 1/n' : '';
  const head = `## Coverage\n\n${c.inconclusive} of ${c.evaluated} evaluated results were inconclusive (${percent(c.share)}${basis}; at most ${percent(c.max)} allowed)${gate}.`;
  const items = inconclusive.map((row) => `- ${code(row.id)} on ${text(whereOf(row))}: ${text(row.message)}`);
  return items.length ? `${head}\n\n${items.join('\n')}` : head;
}

function waivers(r: RunReport): string {
  const withWaiver = r.rows.filter((row) => row.waiver);
  const render = (status: 'active' | 'lapsed') =>
    table(
      ['Control', 'Target', 'Owner', 'Approver', 'Expires', 'Justification'],
      withWaiver
        .filter((row) => row.waiver?.status === status)
        .map((row) => {
          const w = row.waiver!;
          return [
            code(row.id),
            text(whereOf(row)),
            text(w.owner),
            text(w.approver),
            w.expires,
            text(w.justification),
          ];
        }),
    ) || '_None._';
  return `## Waivers\n\n### In force\n\n${render('active')}\n\n### Lapsed (the control counts as unwaived)\n\n${render('lapsed')}`;
}

function changeItem(c: ControlChange): string {
  return `${code(c.id)} on ${text(whereOf(c))}: ${c.before ?? 'absent'} → ${c.now ?? 'absent'}`;
}

function change(r: RunReport): string {
  const d = r.delta;
  if (!d) return '## Change since the previous run\n\n_First recorded run: nothing to compare with._';
  const prevScore = d.previous.score === null ? '' : ` ${d.previous.score.toFixed(1)}`;
  const nowScore = r.card.grade.score === null ? '' : ` ${r.card.grade.score.toFixed(1)}`;
  const delta = d.scoreDelta === null ? '' : ` (${d.scoreDelta >= 0 ? '+' : ''}${d.scoreDelta.toFixed(1)})`;
  return [
    '## Change since the previous run',
    `Previous run ${d.previous.generatedAt}: grade ${d.previous.letter}${prevScore} → ${r.card.grade.letter}${nowScore}${delta}; decision ${d.previous.ready ? 'READY' : 'NOT READY'} → ${r.decision.ready ? 'READY' : 'NOT READY'}.`,
    `### New failures\n\n${list(d.newFailures.map(changeItem), 'None.')}`,
    `### Regressed (passing before)\n\n${list(d.regressed.map(changeItem), 'None.')}`,
    `### Fixed\n\n${list(d.fixed.map(changeItem), 'None.')}`,
  ].join('\n\n');
}
