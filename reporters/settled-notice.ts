/**
 * Rows whose outcome the reporter settled after their test ran: a sign-off is compared with
 * the phase's evidence only once every result is in (phase-digest.ts), so its vitest test (and
 * vitest's terminal line, JUnit, JSON) may show a pass that the documents grade FAIL. The
 * console says so in words, so no reader of it is told two things. Pure.
 */
import type { Row } from './rows.ts';

const word = (o: string) => o.toUpperCase();
const key = (r: Row) => JSON.stringify([r.id, r.target, r.subject ?? null]);

/**
 * '' when the reporter changed no outcome, else one line per changed row.
 * @example settledNotice(collectedRows, written.report.rows)
 */
export function settledNotice(ran: readonly Row[], graded: readonly Row[]): string {
  const before = new Map(ran.map((r) => [key(r), r.outcome]));
  const lines: string[] = [];
  for (const row of graded) {
    const tested = before.get(key(row));
    if (tested === undefined || tested === row.outcome) continue;
    const name = `${row.id} @ ${row.target}${row.subject ? ` › ${row.subject}` : ''}`;
    lines.push(
      `  ${name}: its test ran as ${word(tested)}; graded ${word(row.outcome)} once every result was in: ${row.message}`,
    );
  }
  if (lines.length === 0) return '';
  return [
    '',
    "Settled after the tests (the documents, the grade and the exit code use these; vitest's own lines and JUnit show the tests as they ran):",
    ...lines,
    '',
  ].join('\n');
}
