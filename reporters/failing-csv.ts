/**
 * failing.csv beside results.json: every failing row (fail and error), one line each, for the
 * operator who must work through 3,000 failing sites in a spreadsheet. RFC 4180 quoting; a
 * cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with ' (OWASP's CSV injection advice), so a hostile page title or error text
 * cannot execute on the auditor's machine.
 */
import { isFailing } from './model.ts';
import type { Row } from './rows.ts';

export const FAILING_CSV = 'failing.csv';
const HEADER = ['control', 'target', 'subject', 'outcome', 'message'];

/** @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"` */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The CSV text, in the rows' order (control, target, subject), CRLF line ends as RFC 4180 says. */
export function renderFailingCsv(rows: readonly Row[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows)
    if (isFailing(r))
      lines.push([r.id, r.target, r.subject ?? '', r.outcome, r.message ?? ''].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
