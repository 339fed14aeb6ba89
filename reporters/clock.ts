/** The run's clock and dates: READYSPEC_NOW (ISO timestamp) pins the clock, for tests and replays. */

export function runNow(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env.READYSPEC_NOW;
  if (!pinned) return new Date();
  const d = new Date(pinned);
  if (Number.isNaN(d.getTime()))
    throw new Error(`READYSPEC_NOW="${pinned}" is not an ISO timestamp (e.g. 2025-01-31T12:00:00Z)`);
  return d;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of `now` in `timeZone` (the rubric's), the date that names the report folder. */
export function localDate(now: Date, timeZone: string): string {
  // The default zone needs no time zone data (building a formatter costs ~12 ms).
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return now.toISOString().slice(0, 10);
  let format = formats.get(timeZone);
  if (!format) {
    // Building a formatter loads time zone data (~15 ms); a run asks for the same zone again.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(now).reduce<Record<string, string>>((acc, p) => {
    acc[p.type] = p.value;
    return acc;
  }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
