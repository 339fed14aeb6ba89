/**
 * Rows + policy → every document of the run, written as one set under the reports folder's
 * lock (report-set.ts, reports-lock.ts). The only function of the reporter that touches the
 * file system (besides the history/sign-off reads and the CI outputs).
 */
import { join, relative } from 'node:path';
import type { Policy } from '../policies/types.ts';
import { acceptanceDocs } from './acceptance-docs.ts';
import { areaFileName, renderAreaReport } from './area-report.ts';
import { assessmentFileName, renderAssessment } from './assessment.ts';
import { localDate } from './clock.ts';
import { decide } from './decision.ts';
import { FAILING_CSV, renderFailingCsv } from './failing-csv.ts';
import { appendHistory, diffRuns, historyEntry, type PastRuns, readHistory, readPast } from './history.ts';
import { type PageInput, renderDocument } from './html-page.ts';
import type { RunReport } from './model.ts';
import { markPartial, type PartialRun, partialTitle } from './partial.ts';
import { settleSignoffRows } from './phase-digest.ts';
import { collectProvenance, markProvenance } from './provenance.ts';
import { redactRow, reportSecretForms } from './redact.ts';
import { commitSet, recoverReports, type SetFile } from './report-set.ts';
import { ensureReportsDir } from './reports-dir.ts';
import { withReportsLock } from './reports-lock.ts';
import { buildResults, type Results, resultsChunks } from './results.ts';
import { renderRollups, withRollups } from './rollups.ts';
import { type Row, sortRows } from './rows.ts';
import { scoreRun } from './score.ts';

export interface ReportOptions {
  reportsDir: string;
  now: Date;
  /** Earlier runs, when the caller started reading them already (the reporter does, during the tests). */
  past?: Promise<PastRuns>;
  /** Set when the run did not grade the whole policy (partial.ts): documents say so, no history line. */
  partial?: PartialRun;
  /** When the run began and how long it took (provenance.ts); default: `now`, not measured. */
  run?: { startedAt: Date; durationMs: number | null };
  /** More files of the day folder, written in the same set (the CI outputs: SARIF, textfile). */
  alsoWrite?: (written: WrittenReport) => SetFile[];
  /** How long to wait for another run writing into the same reports folder (reports-lock.ts). */
  lockWaitMs?: number;
}

/** results.json of a run; `partial` only on a run that did not grade the whole policy. */
export type RunResults = Results & { partial?: PartialRun };

export interface WrittenReport {
  report: RunReport;
  results: RunResults;
  /** Markdown documents and results.json, in writing order (HTML beside each .md). */
  paths: string[];
  /** For the console, one line each: what the run kept but could not read (a sign-off). */
  warnings: string[];
}

/** Scores redacted rows and compares them with the previous run: everything the documents show (pure). */
export function buildRunReport(
  rows: Row[],
  policy: Policy,
  now: Date,
  previous?: Results,
  partial = false,
): { report: RunReport; results: Results } {
  const { rubric } = policy;
  const date = localDate(now, rubric.timezone);
  // A sign-off is judged against this run's evidence before anything is scored (not compared
  // in a partial run, which holds only some of a phase's results).
  const sorted = settleSignoffRows(sortRows([...rows]), now.toISOString(), partial);
  const card = scoreRun(sorted, rubric);
  const decision = decide(sorted, card, rubric);
  const results = buildResults({ date, now, policy: policy.name, rows: sorted, card, decision });
  const report: RunReport = {
    date,
    generatedAt: now.toISOString(),
    policy: policy.name,
    rubric,
    rows: sorted,
    byCategory: groupByCategory(sorted),
    card,
    decision,
    delta: previous ? diffRuns(previous, results) : undefined,
    warnings: [...policy.warnings],
    ...(partial ? { partial: true } : {}),
  };
  return { report, results };
}

function groupByCategory(rows: Row[]): Map<string, Row[]> {
  const byCategory = new Map<string, Row[]>();
  for (const r of rows) {
    const own = byCategory.get(r.category);
    if (own) own.push(r);
    else byCategory.set(r.category, [r]);
  }
  return byCategory;
}

/** Redacts and scores the rows, compares with the previous run and writes all documents. */
export async function writeReports(
  rows: Row[],
  policy: Policy,
  options: ReportOptions,
): Promise<WrittenReport> {
  const secrets = reportSecretForms(policy);
  const safe = rows.map((r) => redactRow(r, secrets));
  // Read before writing: a second run the same day overwrites the results.json it compares with.
  const { previous, history } = await (options.past ?? readPast(options.reportsDir));
  const { partial } = options;
  const { report, results: whole } = buildRunReport(safe, policy, options.now, previous, Boolean(partial));
  // `partial` right under the schema version, where a reader of the file sees it first.
  const { schemaVersion, ...rest } = whole;
  const { date: _date, generatedAt, ...tail } = rest;
  const provenance = await collectProvenance(
    policy,
    options.run ?? { startedAt: options.now, durationMs: null },
  );
  // Provenance right after the run's date and time, before what the run found.
  const results: RunResults = {
    schemaVersion,
    ...(partial ? { partial } : {}),
    date: rest.date,
    generatedAt,
    provenance,
    ...tail,
  };
  const { rubric } = policy;
  const date = report.date;
  // A partial run never replaces the day's documents: it writes beside them, under partial/.
  const dir = partial ? join(options.reportsDir, 'partial', date) : join(options.reportsDir, date);
  const docs: { path: string; markdown: string; title: string; page?: Partial<PageInput> }[] = [
    {
      path: join(dir, assessmentFileName(date)),
      // Per-group roll-ups (rollups.ts) right after the blocking items: where failures sit in a fleet.
      markdown: withRollups(renderAssessment(report), renderRollups(report.rows, policy.inventory), [
        '## Caps applied',
      ]),
      title: `Production readiness assessment ${date}`,
    },
    ...rubric.reports.map((spec) => ({
      path: join(dir, areaFileName(spec, date)),
      markdown: withRollups(
        renderAreaReport(report, spec),
        renderRollups(
          spec.categories.flatMap((c) => report.byCategory.get(c) ?? []),
          policy.inventory,
        ),
        ['## Waived'],
      ),
      title: `${spec.title} ${date}`,
      page: { categories: spec.categories },
    })),
  ];
  // One run at a time from here: the sign-offs read, the set written and the history line
  // appended all see what a concurrent run wrote before (reports-lock.ts, report-set.ts).
  ensureReportsDir(options.reportsDir);
  return withReportsLock(
    options.reportsDir,
    async () => {
      await recoverReports(options.reportsDir);
      const acceptance = await acceptanceDocs(report, policy, dir, options.reportsDir);
      docs.push(...acceptance);
      const warnings = acceptance.flatMap((d) => (d.warning ? [d.warning] : []));
      const resultsPath = join(dir, 'results.json');
      // results.json in chunks; every failing row for the operator's spreadsheet.
      const files: SetFile[] = [
        { path: resultsPath, content: resultsChunks(results) },
        { path: join(dir, FAILING_CSV), content: renderFailingCsv(report.rows) },
      ];
      for (const d of docs) {
        // The verdict and pictures open both files (html-page.ts); the trend reads the history.
        const page = { report, history, partial, ...d.page };
        const { markdown, html } = renderDocument(
          markProvenance(markPartial(d.markdown, partial), provenance),
          partialTitle(d.title, partial),
          page,
        );
        files.push(
          { path: d.path, content: markdown },
          { path: d.path.replace(/\.md$/, '.html'), content: html },
        );
      }
      const paths = [...docs.map((d) => d.path), resultsPath];
      const written: WrittenReport = { report, results, paths, warnings };
      files.push(...(options.alsoWrite?.(written) ?? []));
      // Re-read under the lock: a run that finished meanwhile added its line.
      const entry = historyEntry(results, relative(options.reportsDir, resultsPath));
      const nextHistory = partial ? undefined : appendHistory(await readHistory(options.reportsDir), entry);
      await commitSet(options.reportsDir, dir, files, nextHistory);
      return written;
    },
    options.lockWaitMs,
  );
}
