/**
 * The vitest reporter of `npm test`: at the end of the run it turns audit tests into rows,
 * grades them, writes the dated documents and prints the summary. It never re-checks anything.
 * Also runs for `--merge-reports` (the rows come from the blobs' test meta), so sharded runs
 * grade exactly like a single one. A run that did not grade the whole policy (-t, a file or tag
 * filter, --bail that cancelled tests, one shard without its merge) is written as PARTIAL.
 */
import { resolve } from 'node:path';
import type {
  Reporter,
  TestCase,
  TestModule,
  TestRunEndReason,
  TestSpecification,
  Vitest,
} from 'vitest/node';
import { currentPolicy } from '../policies/current.ts';
import type { Policy } from '../policies/types.ts';
import { AUDIT_PROJECT } from './audit-project.ts';
import { runNow } from './clock.ts';
import { EXIT, exitCodeOf, settleExit, strictFromEnv, toolFailure } from './exit-code.ts';
import type { PastRuns } from './history.ts';
import type { PartialRun } from './partial.ts';
import { Progress } from './progress.ts';
import { ensureReportsDir } from './reports-dir.ts';
import { collectRows, hasAuditModules, staticsOf } from './rows.ts';
import { RunScopeWatch } from './run-scope.ts';
import { runTiming } from './run-timing.ts';
import { settledNotice } from './settled-notice.ts';

/** The document writers (Markdown, HTML, marked…), loaded while the tests run, not before. */
type Writers = [typeof import('./run.ts'), typeof import('./summary.ts'), typeof import('./policy-notes.ts')];
const loadWriters = (): Promise<Writers> =>
  Promise.all([import('./run.ts'), import('./summary.ts'), import('./policy-notes.ts')]);

const reportsDir = () => resolve(process.env.READYSPEC_REPORTS ?? 'reports');

export default class GradeReporter implements Reporter {
  private vitest: Vitest | undefined;
  private writers: Promise<Writers> | undefined;
  /** Earlier runs (history, previous results.json), read while the tests run. */
  private past: Promise<PastRuns> | undefined;
  /** Whether this run grades the whole policy (filters, shard, a cancel that cut it short). */
  private readonly scope = new RunScopeWatch();
  /** The running count on stderr (progress.ts); undefined when another reporter draws the terminal. */
  private progress: Progress | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.scope.init(vitest);
    if (!vitest.projects.some((p) => p.name === AUDIT_PROJECT)) return;
    if (vitest.config.watch) refuseWatch();
    if (!drawsTerminal(vitest)) this.progress = new Progress(process.stderr);
    this.writers = loadWriters();
    this.writers.catch(() => {}); // surfaced where it is awaited
    this.past = import('./history.ts').then(({ readPast }) => readPast(reportsDir()));
    this.past.catch(() => {});
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.scope.start(specifications);
    this.progress?.start();
  }

  onTestModuleCollected(module: TestModule): void {
    if (!this.progress || module.project.name !== AUDIT_PROJECT) return;
    let n = 0;
    for (const _ of module.children.allTests()) n++;
    this.progress.collected(n);
  }

  onTestCaseReady(test: TestCase): void {
    if (test.project.name === AUDIT_PROJECT) this.progress?.ready(test.id, test.fullName);
  }

  onTestCaseResult(test: TestCase): void {
    if (!this.progress || test.project.name !== AUDIT_PROJECT) return;
    const outcome = test.meta().readyspec?.outcome;
    // A test that failed without meta crashed before its check reported: inconclusive.
    this.progress.finished(test.id, outcome ?? (test.result().state === 'failed' ? 'error' : undefined));
  }

  onTestModuleQueued(): void {
    this.scope.queued();
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    errors?: ReadonlyArray<unknown>,
    reason?: TestRunEndReason,
  ): Promise<void> {
    this.progress?.stop();
    try {
      await this.grade(testModules, errors ?? [], reason);
    } catch (err) {
      // One line naming what failed (an unwritable reports path), then exit 3: a crashed
      // reporter must not read as "not ready".
      process.stderr.write(`\n${toolFailure(err, reportsDir())}\n`);
      settleExit(EXIT.toolFailed);
    }
  }

  private async grade(
    testModules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<unknown>,
    reason?: TestRunEndReason,
  ): Promise<void> {
    // A `self` run, or a run that collected no audit module: nothing to grade, nothing written.
    if (!hasAuditModules(testModules)) return;
    let policy: Policy;
    try {
      policy = await currentPolicy();
    } catch {
      // The global setup already printed the policy error; a bad policy writes no report.
      return;
    }
    const rows = collectRows(testModules, staticsOf(policy));
    if (rows.length === 0) return;
    const [{ writeReports }, { renderSummary }, { renderPolicyNotes }] = await (this.writers ??
      loadWriters());
    const partial = await this.scope.partial(testModules, reason);
    ensureReportsDir(reportsDir());
    const ci = await import('./ci-outputs.ts');
    const written = await writeReports(rows, policy, {
      reportsDir: reportsDir(),
      now: runNow(),
      past: this.past,
      partial,
      run: runTiming(testModules, Boolean(this.vitest?.config.mergeReports)),
      // SARIF and the textfile are part of the day's set: never from another run than its documents.
      alsoWrite: (w) => ci.folderOutputs(w),
    });
    const shown = written.paths.map((p) => this.relative(p));
    for (const warning of written.warnings) process.stderr.write(`${warning}\n`);
    // A partial run says so before its grade is read, and again at the end.
    if (partial) this.print(`\nPARTIAL RUN — not the whole policy: ${partial.reason}.`);
    this.print(renderSummary(written.report, shown));
    // A sign-off settled after its test: said here, so vitest's pass line is not the last word.
    const settled = settledNotice(rows, written.report.rows);
    if (settled) this.print(settled);
    // How to configure readyspec goes to whoever runs it, never into an auditor's document.
    const notes = renderPolicyNotes(policy, written.report.rows);
    if (notes) this.print(notes);
    if (partial) this.print(partialNotice(partial));
    // Beside the documents, never instead of them: SARIF, textfile, JUnit/JSON, step summary, annotations.
    await ci.writeCiOutputs({
      inSet: true,
      written,
      policy,
      reportsDir: reportsDir(),
      partial,
      vitest: this.vitest,
      testModules,
      print: (t) => this.print(t),
      shown: (p) => this.relative(p),
    });
    if (errors.length > 0) {
      // vitest printed them above: an error outside any test is the tool's, not the target's.
      process.stderr.write(`readyspec: ${errors.length} unhandled error(s) during the run (above); exit 3\n`);
      settleExit(EXIT.toolFailed);
      return;
    }
    settleExit(exitCodeOf(written.report.decision, written.report.rows, { strict: strictFromEnv() }));
  }

  private relative(path: string): string {
    const cwd = process.cwd();
    return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
  }

  private print(text: string): void {
    if (this.vitest) this.vitest.logger.log(text);
    else process.stdout.write(text);
  }
}

/** vitest's own terminal reporters draw the screen themselves: no progress line over theirs. */
function drawsTerminal(vitest: Vitest): boolean {
  const terminal = new Set(['default', 'verbose', 'tree', 'dot', 'basic']);
  return vitest.config.reporters.some(
    (r) => Array.isArray(r) && typeof r[0] === 'string' && terminal.has(r[0]),
  );
}

/**
 * The probe engine runs once per vitest process (global setup), so vitest's watch mode would
 * re-run tests against a finished engine. Refused before anything connects; the command line
 * re-runs on policy edits instead.
 */
function refuseWatch(): never {
  process.stderr.write(
    "readyspec: the audit does not run in vitest watch mode; use `npx readyspec run --watch [POLICY]` (re-runs on policy edits), or `vitest --project self` for readyspec's own tests\n",
  );
  process.exit(EXIT.usage);
}

function partialNotice(partial: PartialRun): string {
  return [
    '',
    `PARTIAL RUN: ${partial.reason}.`,
    "  The documents above are marked PARTIAL, written under partial/ beside the day's folder,",
    '  and this run is not recorded in history.jsonl. Run the whole audit for the assessment.',
    '',
  ].join('\n');
}
