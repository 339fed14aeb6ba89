/** USER_ACCEPTANCE.md per phase: evidence checklist, grade, date, sign-off status and block. Pure. */
import type { PhaseEntry } from '../policies/types.ts';
import { code, doc, outcomeLabel, text } from './format.ts';
import { decisionLine, gradeLine, type RunReport } from './model.ts';
import type { Row } from './rows.ts';
import { renderSignoffStatus, type SignoffView, signoffState, unsignedView } from './signoff-view.ts';

export const ACCEPTANCE_FILE = 'USER_ACCEPTANCE.md';

/** Phases of the inventory, then any phase only controls name, in first-seen order. */
export function phasesOf(declared: PhaseEntry[], rows: Row[]): PhaseEntry[] {
  const phases = [...declared];
  for (const row of rows) {
    if (row.phase && !phases.some((p) => p.name === row.phase)) phases.push({ name: row.phase });
  }
  return phases;
}

/** A phase id as a single safe path segment. */
export function phaseDir(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'phase';
}

/**
 * The document of one phase. `view` is the phase's sign-off as found for this run
 * (signoff-view.ts); without it the document shows a blank block for this run's evidence.
 * @example renderAcceptance(report, { name: 'go-live', closed: true }, view)
 */
export function renderAcceptance(report: RunReport, phase: PhaseEntry, view?: SignoffView): string {
  const shown = view ?? unsignedView(report, phase);
  const rows = report.rows.filter((r) => r.phase === phase.name);
  const met = rows.filter((r) => r.outcome === 'pass' || r.outcome === 'waived').length;
  const checklist = rows.map((r) => {
    const done = r.outcome === 'pass' || r.outcome === 'waived' ? 'x' : ' ';
    return `- [${done}] ${code(r.id)} ${text(r.title)} on ${text(r.target)}: **${outcomeLabel(r.outcome)}** — ${text(r.message)}`;
  });
  const title = phase.title ? `${text(phase.title)} (${text(phase.name)})` : text(phase.name);
  return doc([
    `# User acceptance — ${title}`,
    [
      `- **Phase:** ${text(phase.name)}${phase.closed ? ' (closed)' : ''}`,
      `- **Date:** ${report.date}`,
      `- **Generated:** ${report.generatedAt}`,
      `- **Policy:** ${text(report.policy)}`,
      `- **Grade of the run:** ${gradeLine(report)}`,
      `- **Decision of the run:** ${decisionLine(report)}`,
      `- **Sign-off:** ${signoffState(shown)}`,
    ].join('\n'),
    `## Evidence checklist\n\n${met} of ${rows.length} controls of this phase met (passed or waived).\n\n${
      checklist.length ? checklist.join('\n') : '_No control is assigned to this phase._'
    }`,
    renderSignoffStatus(shown),
    // Verbatim: a filled block is the signer's text; only trailing blank lines are the document's.
    shown.block.replace(/(\r?\n)+$/, ''),
  ]);
}
