/** The terminal summary at the end of a run: grade, decision, blockers, failures, documents. Pure. */

import { secretForms } from '../policies/secrets.ts';
import type { RunReport } from './model.ts';
import { redactText } from './redact.ts';
import { whereOf } from './rows.ts';

const MAX_FAILURES = 40;

export function renderSummary(report: RunReport, paths: string[]): string {
  const g = report.card.grade;
  const c = report.card.coverage;
  const score = g.score === null ? '' : ` ${g.score.toFixed(1)}/100`;
  const lines = [
    '',
    `readyspec · ${report.policy} · ${report.date}`,
    `  Grade     ${g.letter}${score}${g.capped ? ` (capped: ${g.capReason})` : ''}`,
    `  Decision  ${report.decision.ready ? 'PRODUCTION READY' : 'NOT READY'}`,
    `  Coverage  ${c.inconclusive}/${c.evaluated} inconclusive (max ${Math.round(c.max * 100)}%)`,
  ];
  if (report.delta) {
    const d = report.delta;
    const moved = d.scoreDelta === null ? '' : ` (${d.scoreDelta >= 0 ? '+' : ''}${d.scoreDelta.toFixed(1)})`;
    lines.push(
      `  Since     ${d.previous.letter} → ${g.letter}${moved}: ${d.newFailures.length} new, ${d.regressed.length} regressed, ${d.fixed.length} fixed`,
    );
  }
  if (report.decision.blocking.length) {
    lines.push('', 'Blocking:');
    for (const b of report.decision.blocking.slice(0, MAX_FAILURES)) lines.push(`  ✗ ${b.message}`);
    if (report.decision.blocking.length > MAX_FAILURES)
      lines.push(`  …and ${report.decision.blocking.length - MAX_FAILURES} more`);
  }
  const failing = report.rows.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
  if (failing.length) {
    lines.push('', 'Failing controls:');
    for (const r of failing.slice(0, MAX_FAILURES)) {
      const message = r.message.length > 100 ? `${r.message.slice(0, 99)}…` : r.message;
      lines.push(`  ${r.outcome === 'fail' ? 'FAIL ' : 'ERROR'} ${r.id} @ ${whereOf(r)}: ${message}`);
    }
    if (failing.length > MAX_FAILURES) lines.push(`  …and ${failing.length - MAX_FAILURES} more`);
  }
  if (paths.length) {
    lines.push('', 'Documents:');
    for (const p of paths) lines.push(`  ${p}`);
  }
  // The rows are redacted already; the terminal gets the same guarantee for every line.
  return redactText(`${lines.join('\n')}\n`, secretForms());
}
