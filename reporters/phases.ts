/**
 * "Phases and sign-off": built from the results of `acceptance.signoff` controls, whose
 * evidence carries phase, status (signed | awaiting | conditional | rejected), decision,
 * conditions, signer and date.
 */
import type { Json } from '../checks/probe.ts';
import { doc, list, table, text } from './format.ts';
import type { Row } from './rows.ts';

export const SIGNOFF_CHECK = 'acceptance.signoff';

function str(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function renderPhases(rows: Row[]): string {
  const signoffs = rows.filter((r) => r.check === SIGNOFF_CHECK);
  if (signoffs.length === 0) return '## Phases and sign-off\n\n_No sign-off controls in this policy._';
  const entries = signoffs.map((r) => {
    const e = r.evidence;
    return {
      phase: str(e.phase) || r.target,
      status: str(e.status) || (r.outcome === 'pass' ? 'signed' : 'awaiting'),
      decision: str(e.decision),
      conditions: str(e.conditions),
      signer: str(e.signer),
      date: str(e.date),
    };
  });
  const overview = table(
    ['Phase', 'Status', 'Signer', 'Date', 'Decision', 'Conditions'],
    entries.map((e) => [
      text(e.phase),
      e.status,
      text(e.signer),
      text(e.date),
      text(e.decision),
      text(e.conditions),
    ]),
  );
  const awaiting = entries.filter((e) => e.status === 'awaiting').map((e) => text(e.phase));
  const conditional = entries
    .filter((e) => e.status === 'conditional')
    .map((e) => `${text(e.phase)}: ${text(e.conditions || 'no conditions written')}`);
  return doc([
    '## Phases and sign-off',
    overview,
    `### Awaiting sign-off\n\n${list(awaiting, 'None.')}`,
    `### Conditions of conditional acceptances\n\n${list(conditional, 'None.')}`,
  ]).trimEnd();
}
