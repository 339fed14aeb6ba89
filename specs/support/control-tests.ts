/**
 * The tests of policy controls: one vitest test per control × target, registered into the
 * category's suite and run by readyspec's runner (audit-runner.ts), not through `test()`.
 *
 * A control's test only records what the engine found, so it needs none of what `test()` builds
 * for a user's test function: a context with its AbortController, fixtures, a timeout wrapper,
 * expect state, a captured stack. At 50,000 targets that machinery was most of the run's time
 * and memory (bench/http.ts). The tests are still ordinary vitest tasks: ids, names, `-t`
 * filters, modes, results, meta, annotations and reporters all work as for any test.
 */

import type { Suite, TaskResult, Test, VitestRunner } from '@vitest/runner';
import { updateTask } from '@vitest/runner';
import { processError } from '@vitest/utils/error';
import { TestRunner } from 'vitest';
import type { TestMeta } from '../../reporters/meta.ts';
import { verdictOf } from './outcome-errors.ts';
import type { ControlResults } from './result-slots.ts';

/** Shared through the symbol registry, so a prebuilt and a source copy of this module agree. */
const RESULTS = Symbol.for('readyspec.control-results');
const RUNNER = Symbol.for('readyspec.audit-runner');

type ControlSuite = Suite & { [RESULTS]: ControlResults };

/** The runner of control tests (audit-runner.ts): vitest's, and whether the run was cancelled. */
export interface ControlRunner extends VitestRunner {
  readonly cancelled: boolean;
}

export function markAuditRunner(): void {
  (globalThis as Record<symbol, unknown>)[RUNNER] = true;
}

/** Called inside the category's `describe`: adds one test per title to the current suite. */
export function registerControlTests(titles: string[], results: ControlResults): void {
  if (!(globalThis as Record<symbol, unknown>)[RUNNER]) {
    throw new Error(
      "readyspec: the audit's spec files must run with readyspec's runner (vitest.config.ts sets `runner` for the audit project)",
    );
  }
  const collector = TestRunner.getCurrentSuite();
  const suite = collector.suite;
  if (!suite) throw new Error('readyspec: registerControlTests must be called inside describe()');
  Object.defineProperty(suite, RESULTS, { value: results, enumerable: false });
  for (const name of titles) collector.tasks.push(new ControlTest(suite, name) as unknown as Test);
}

/**
 * A control test as vitest's Test. A class, so that 50,000 of them share one hidden class
 * (an object literal given a getter afterwards falls back to a slow dictionary of ~830 bytes
 * each), and `context` lives on the prototype, out of what vitest sends to the main process.
 */
class ControlTest {
  id = '';
  readonly type = 'test';
  readonly fullName: string;
  readonly fullTestName: string;
  mode: Test['mode'] = 'run';
  // The engine bounds and settles every check; vitest's timeout and retry do not apply.
  readonly timeout = 0;
  readonly retry = 0;
  meta: Test['meta'] = {};
  result: Test['result'] = undefined;
  readonly annotations: Test['annotations'] = [];
  readonly artifacts: Test['artifacts'] = [];
  readonly tags: string[];
  readonly file: Suite['file'];

  constructor(
    readonly suite: Suite,
    readonly name: string,
  ) {
    this.fullName = `${suite.fullName} > ${name}`;
    this.fullTestName = `${suite.fullTestName} > ${name}`;
    this.file = suite.file;
    this.tags = suite.tags?.length ? [...suite.tags] : [];
  }

  /** Nothing ever runs a control test's function: reaching for its context is a bug. */
  get context(): never {
    throw new Error(`readyspec: "${this.name}" is a control test and has no test context`);
  }
}

export function isControlSuite(suite: Suite): suite is ControlSuite {
  return RESULTS in suite;
}

/**
 * Runs a category's control tests in order: each waits for its result from the engine, then
 * takes the state its outcome gives. A test whose result is not there yet is reported running
 * ('test-prepare') while it waits; one whose result is already there finishes at once, so it
 * only sends 'test-finished' (half the updates when the worker trails the engine).
 */
export async function runControlSuite(runner: ControlRunner, suite: ControlSuite): Promise<void> {
  const results = suite[RESULTS];
  const diffOptions = runner.config.diffOptions;
  for (let i = 0; i < suite.tasks.length; i++) {
    const test = suite.tasks[i] as Test;
    // What vitest's onBeforeRunTask does for a cancelled run (bail, Ctrl-C), without an await
    // per test; a control test has no console output or error of its own to attribute.
    if (runner.cancelled) test.mode = 'skip';
    if (test.mode !== 'run' && test.mode !== 'queued') {
      updateTask('test-prepare', test, runner);
      updateTask('test-finished', test, runner);
      continue;
    }
    test.result = { state: 'run', startTime: Date.now(), retryCount: 0 };
    let meta: TestMeta;
    try {
      const taken = results.take(i);
      if (taken instanceof Promise) {
        updateTask('test-prepare', test, runner);
        meta = await taken;
      } else meta = taken;
    } catch (err) {
      test.result.state = 'fail';
      test.result.errors = [processError(err, diffOptions)];
      test.result.duration = Date.now() - (test.result.startTime ?? Date.now());
      runner.onAfterRunTask?.(test);
      updateTask('test-finished', test, runner);
      continue;
    }
    test.meta.readyspec = meta;
    const verdict = verdictOf(meta);
    if (verdict.state === 'skip') {
      test.mode = 'skip';
      // `note` and `pending` are what vitest itself sets on a skipped test (ctx.skip(note)).
      const skipped: TaskResult & { note: string; pending: true } = {
        state: 'skip',
        note: verdict.note,
        pending: true,
        duration: meta.durationMs,
      };
      test.result = skipped;
      finish(runner, test);
      continue;
    }
    if (verdict.state === 'fail') {
      test.result.state = 'fail';
      test.result.errors = [processError(verdict.error, diffOptions)];
    } else {
      if (verdict.annotation) await annotate(runner, test, verdict.annotation);
      test.result.state = 'pass';
    }
    test.result.duration = meta.durationMs;
    runner.onAfterRunTask?.(test);
    finish(runner, test);
  }
}

/**
 * Reports the test finished. vitest queues its [result, meta] for the main process by reference,
 * so giving the test a fresh meta object afterwards leaves that message whole and lets the
 * worker drop its copy of the evidence: at 50,000 controls the main process holds them anyway.
 */
function finish(runner: VitestRunner, test: Test): void {
  updateTask('test-finished', test, runner);
  test.meta = {};
}

async function annotate(runner: VitestRunner, test: Test, message: string): Promise<void> {
  if (!runner.onTestAnnotate) throw new Error('readyspec: the test runner cannot record annotations');
  test.annotations.push(await runner.onTestAnnotate(test, { message, type: 'waiver' }));
}
