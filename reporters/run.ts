/**
 * Rows + policy → every document of the run, written atomically. The only function of the
 * reporter that touches the file system (through writer.ts and the history/sign-off reads).
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Policy } from '../policies/types.ts';
import { ACCEPTANCE_FILE, phaseDir, phasesOf, renderAcceptance } from './acceptance.ts';
import { areaFileName, renderAreaReport } from './area-report.ts';
import { assessmentFileName, renderAssessment } from './assessment.ts';
import { localDate } from './clock.ts';
import { decide } from './decision.ts';
import { appendHistory, diffRuns, historyEntry, readHistory, readPrevious } from './history.ts';
import { renderHtml } from './html.ts';
import type { RunReport } from './model.ts';
import { redactRow, secretValues } from './redact.ts';
import { buildResults, type Results } from './results.ts';
import type { Row } from './rows.ts';
import { scoreRun } from './score.ts';
import { keepSignoff } from './signoff.ts';
import { writeAtomic } from './writer.ts';

export interface ReportOptions {
  reportsDir: string;
  now: Date;
}

export interface WrittenReport {
  report: RunReport;
  results: Results;
  /** Markdown documents and results.json, in writing order (HTML beside each .md). */
  paths: string[];
}

/** Scores the rows, compares with the previous run and writes all documents. */
export async function writeReports(
  rows: Row[],
  policy: Policy,
  options: ReportOptions,
): Promise<WrittenReport> {
  const { rubric } = policy;
  const date = localDate(options.now, rubric.timezone);
  const secrets = secretValues(policy);
  const safe = rows.map((r) => redactRow(r, secrets));
  const card = scoreRun(safe, rubric);
  const decision = decide(safe, card, rubric);
  const results = buildResults({ date, now: options.now, policy: policy.name, rows: safe, card, decision });
  // Read before writing: a second run the same day overwrites the results.json it compares with.
  const previous = await readPrevious(options.reportsDir);
  const history = await readHistory(options.reportsDir);
  const report: RunReport = {
    date,
    generatedAt: options.now.toISOString(),
    policy: policy.name,
    rubric,
    rows: safe,
    card,
    decision,
    delta: previous ? diffRuns(previous, results) : undefined,
    warnings: policy.warnings.map((w) => w),
  };
  const dir = join(options.reportsDir, date);
  const docs: { path: string; markdown: string; title: string }[] = [
    {
      path: join(dir, assessmentFileName(date)),
      markdown: renderAssessment(report),
      title: `Production readiness assessment ${date}`,
    },
    ...rubric.reports.map((spec) => ({
      path: join(dir, areaFileName(spec, date)),
      markdown: renderAreaReport(report, spec),
      title: `${spec.title} ${date}`,
    })),
  ];
  for (const phase of phasesOf(policy.inventory.phases ?? [], safe)) {
    const path = join(dir, phaseDir(phase.name), ACCEPTANCE_FILE);
    const existing = await readFile(path, 'utf8').catch(() => undefined);
    docs.push({
      path,
      markdown: keepSignoff(renderAcceptance(report, phase), existing),
      title: `User acceptance ${phase.name}`,
    });
  }
  const paths: string[] = [];
  for (const d of docs) {
    await writeAtomic(d.path, d.markdown);
    await writeAtomic(d.path.replace(/\.md$/, '.html'), renderHtml(d.markdown, d.title));
    paths.push(d.path);
  }
  const resultsPath = join(dir, 'results.json');
  await writeAtomic(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  paths.push(resultsPath);
  const entry = historyEntry(results, relative(options.reportsDir, resultsPath));
  await writeAtomic(join(options.reportsDir, 'history.jsonl'), appendHistory(history, entry));
  return { report, results, paths };
}
