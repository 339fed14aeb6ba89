/**
 * The CI outputs of a run, written after (and beside) its documents, never instead of them:
 * readyspec.sarif and readyspec.prom in the run's folder (and a copy of the textfile where
 * `rubric.outputs.prometheus` says, for whole runs), the policy's JUnit and vitest JSON
 * (`rubric.outputs.junit|json`, by vitest's own reporters), the step summary when
 * GITHUB_STEP_SUMMARY is set, and workflow-command annotations when GITHUB_ACTIONS is true.
 */
import { appendFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { TestModule, Vitest } from 'vitest/node';
import { secretForms } from '../policies/secrets.ts';
import type { Policy } from '../policies/types.ts';
import { renderAnnotations } from './ci-annotations.ts';
import { renderPrometheus } from './ci-prometheus.ts';
import { renderSarif } from './ci-sarif.ts';
import { renderStepSummary } from './ci-summary.ts';
import type { PartialRun } from './partial.ts';
import { redactText } from './redact.ts';
import type { SetFile } from './report-set.ts';
import type { WrittenReport } from './run.ts';
import { writeAtomic } from './writer.ts';

export const SARIF_FILE = 'readyspec.sarif';
export const PROM_FILE = 'readyspec.prom';

export interface CiRun {
  written: WrittenReport;
  policy: Policy;
  reportsDir: string;
  partial?: PartialRun;
  /** For the policy's JUnit and JSON outputs: vitest and the run's modules. */
  vitest?: Vitest;
  testModules?: ReadonlyArray<TestModule>;
  env?: NodeJS.ProcessEnv;
  /** Prints to the run's stdout (annotations). */
  print: (text: string) => void;
  /** A path as the reader finds it (relative to the working directory when inside it). */
  shown: (path: string) => string;
  /** readyspec.sarif and .prom were written with the documents (folderOutputs as alsoWrite). */
  inSet?: boolean;
}

/**
 * readyspec.sarif and readyspec.prom of the run's folder, for writeReports to write in the
 * run's set (`alsoWrite`), so a killed run never leaves them from another run than the documents.
 */
export function folderOutputs(written: WrittenReport, env: NodeJS.ProcessEnv = process.env): SetFile[] {
  const { report, results } = written;
  const dir = dirname(written.paths[written.paths.length - 1] as string);
  const cwd = process.cwd();
  const sarif = renderSarif({
    rows: report.rows,
    warnings: report.warnings,
    provenance: results.provenance,
    workspace: env.GITHUB_WORKSPACE ?? cwd,
    cwd,
    endedAt: results.generatedAt,
  });
  return [
    { path: join(dir, SARIF_FILE), content: `${JSON.stringify(sarif, null, 2)}\n` },
    { path: join(dir, PROM_FILE), content: renderPrometheus(results) },
  ];
}

/** Writes every CI output of the run; returns the files written. */
export async function writeCiOutputs(run: CiRun): Promise<string[]> {
  const env = run.env ?? process.env;
  const { written, policy } = run;
  const { report } = written;
  const cwd = process.cwd();
  if (!run.inSet) {
    await Promise.all(folderOutputs(written, env).map((f) => writeAtomic(f.path, f.content)));
  }
  const dir = dirname(written.paths[written.paths.length - 1] as string);
  const files = [join(dir, SARIF_FILE), join(dir, PROM_FILE)];
  const outputs = policy.rubric.outputs ?? {};
  // node_exporter would read a partial run as the estate's state: only a whole run replaces it.
  if (outputs.prometheus && !run.partial) {
    const target = resolve(cwd, outputs.prometheus);
    await writeAtomic(target, renderPrometheus(written.results));
    files.push(target);
  }
  if (run.vitest && run.testModules && (outputs.junit || outputs.json))
    files.push(...(await vitestReports(run.vitest, run.testModules, outputs, cwd)));
  const forms = secretForms();
  if (env.GITHUB_STEP_SUMMARY) {
    const documents = written.paths;
    const summary = renderStepSummary(
      report,
      {
        documents: documents.map(run.shown),
        relative: documents.map((p) => relative(run.reportsDir, p).split('\\').join('/')),
        reportsUrl: env.READYSPEC_REPORTS_URL,
        artifactsUrl:
          env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
            ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}#artifacts`
            : undefined,
      },
      run.partial,
    );
    await appendFile(env.GITHUB_STEP_SUMMARY, redactText(summary, forms), 'utf8').catch((err: Error) => {
      throw new Error(
        `readyspec: cannot append the step summary to ${env.GITHUB_STEP_SUMMARY}: ${err.message}`,
        {
          cause: err,
        },
      );
    });
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const lines = renderAnnotations(report.rows, report.decision.blocking);
    if (lines) run.print(redactText(lines, forms).replace(/\n$/, ''));
  }
  return files;
}

/** vitest's own JUnit and JSON reporters over the run's modules, to the policy's paths. */
async function vitestReports(
  vitest: Vitest,
  modules: ReadonlyArray<TestModule>,
  outputs: { junit?: string; json?: string },
  cwd: string,
): Promise<string[]> {
  const { JUnitReporter, JsonReporter } = await import('vitest/node');
  const made: string[] = [];
  for (const [path, Make] of [
    [outputs.junit, JUnitReporter],
    [outputs.json, JsonReporter],
  ] as const) {
    if (!path) continue;
    const outputFile = resolve(cwd, path);
    const reporter = new Make({ outputFile });
    await reporter.onInit(vitest);
    await reporter.onTestRunEnd?.(modules);
    made.push(outputFile);
  }
  return made;
}
