/**
 * Dates a document carries about itself: "Last updated: 2025-01-31" on any page, "Tested:
 * 2025-01-20" on a runbook. Both probes read the plain text (bold and table syntax removed),
 * take the newest matching date per file and compare its age with the run's clock.
 */
import { compilePattern, type SafePattern } from '../pattern.ts';
import { type Evidence, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { documentFiles, documentProblem, readDocument } from './files.ts';
import { parseMarkdown, plainText } from './markdown.ts';

export const UPDATED_PATTERN = 'last updated:?\\s*(\\d{4}-\\d{2}-\\d{2})';
export const TESTED_PATTERN = 'tested:?\\s*(\\d{4}-\\d{2}-\\d{2})';

const DAY_MS = 86_400_000;
/** A date up to a day ahead is clock or time-zone skew, not a made-up date. */
const FUTURE_SLACK_MS = DAY_MS;

export interface DatedParams {
  maxAgeDays: number;
  /** Regular expression (case-insensitive) whose first capture group is a YYYY-MM-DD date. */
  pattern?: string;
  /** For a directory target: which files (default `**\/*.md`). */
  glob?: string;
}

interface FileDate {
  file: string;
  date: string | null;
  ageDays: number | null;
}

/** The newest date `pattern` finds in a Markdown text, or null. */
export function newestDate(markdown: string, pattern: SafePattern): string | null {
  const text = plainText(parseMarkdown(markdown).tokens);
  let newest: string | null = null;
  for (const m of pattern.matchAll(text)) {
    const date = m[1];
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date ?? '') && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
    if (valid && (!newest || date > newest)) newest = date;
  }
  return newest;
}

/**
 * Every Markdown file of the target carries a date (found by `pattern`) at most `maxAgeDays` old.
 * @example await datedWithin('/srv/docs/runbooks', { maxAgeDays: 90 }, TESTED_PATTERN, new Date(), 'tested')
 */
export async function datedWithin(
  path: string,
  p: DatedParams,
  defaultPattern: string,
  now: Date,
  what: string,
): Promise<ProbeResult> {
  const expected = `${what} date within ${p.maxAgeDays} days`;
  let pattern: SafePattern;
  try {
    // The loader refuses a pattern RE2 cannot run (validateParams); a direct call may not have.
    pattern = compilePattern(p.pattern ?? defaultPattern, 'i');
  } catch (err) {
    return inconclusive(`pattern /${p.pattern}/ ${(err as Error).message}`, {
      expected,
      source: path,
    });
  }
  let found: FileDate[];
  try {
    const files = await documentFiles(path, p.glob);
    if (!files.length)
      return fail(`no Markdown file under ${path} matches ${p.glob ?? '**/*.md'}`, {
        expected,
        source: path,
      });
    found = await Promise.all(
      files.map(async (file) => {
        const date = newestDate(await readDocument(file), pattern);
        const ageDays = date ? Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS) : null;
        return { file, date, ageDays };
      }),
    );
  } catch (err) {
    return documentProblem(err, path, { expected, source: path });
  }
  const missing = found.filter((f) => f.date === null).map((f) => f.file);
  const stale = found.filter((f) => f.ageDays !== null && f.ageDays > p.maxAgeDays);
  const future = found.filter(
    (f) => f.date && Date.parse(`${f.date}T00:00:00Z`) - now.getTime() > FUTURE_SLACK_MS,
  );
  const evidence: Evidence = {
    observed: found.map((f) => ({ file: f.file, date: f.date, ageDays: f.ageDays })).slice(0, 50),
    expected,
    source: path,
    pattern: pattern.source,
  };
  const problems = [
    ...missing.map((f) => `${f}: no ${what} date`),
    ...stale.map((f) => `${f.file}: ${what} ${f.date}, ${f.ageDays} days ago (max ${p.maxAgeDays})`),
    ...future.map((f) => `${f.file}: ${what} ${f.date} is in the future`),
  ];
  if (problems.length) return fail(problems.slice(0, 5).join('; '), evidence);
  const oldest = Math.max(...found.map((f) => f.ageDays ?? 0));
  return pass(`${found.length} file(s) carry a ${what} date, oldest ${oldest} days ago`, evidence);
}
