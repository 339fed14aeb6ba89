/**
 * Strict calendar dates for sign-offs: YYYY-MM-DD, a day that exists, not after today. A date
 * is compared as a day number (UTC midnight), never as text, so "2025-1-5" or "2026-02-30"
 * cannot slip through a string comparison.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a strict ISO date, or undefined when it is not one.
 * @example isoDay('2024-02-29') // 19782
 * @example isoDay('2026-02-30') // undefined
 */
export function isoDay(value: string): number | undefined {
  const m = ISO_DAY.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a real date reads back the same.
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    return undefined;
  }
  return at.getTime() / DAY_MS;
}

/**
 * What is wrong with a sign-off date, or undefined when it is a real date no later than `today`
 * (the run's date in the rubric's time zone, itself YYYY-MM-DD).
 * @example dateProblem('soon 2026', '2025-06-15') // 'is not a date in the form YYYY-MM-DD'
 */
export function dateProblem(value: string, today: string): string | undefined {
  if (!ISO_DAY.test(value)) return 'is not a date in the form YYYY-MM-DD';
  const day = isoDay(value);
  if (day === undefined) return 'is not a calendar date';
  const now = isoDay(today);
  if (now !== undefined && day > now) return `is after today (${today})`;
  return undefined;
}
