/**
 * A category's tests as the engine finds them. Most checks are one test, named when the
 * category is planned. A check over a collection (a probe with `subjects: true`) is one test
 * per subject, so its tests are only named once it has settled: the category's titles are
 * final, and handed to the worker, when its last collection check is in. Results of the other
 * checks that settle before then are kept and handed over with the titles.
 */
import type { ProbedMeta } from '../../reporters/meta.ts';

type ResultListener = (i: number, meta: ProbedMeta) => void;

/** A collection check's tests: its place in the plan (for a stable order), titles and results. */
interface SubjectTests {
  plan: number;
  target: number;
  tests: { title: string; meta: ProbedMeta }[];
}

export class CategoryRun {
  /** Every test's title, final once `whenTitled` has called back. */
  readonly titles: string[] = [];
  /** Checks planned (one per control × target): the category's size before subjects are known. */
  planned = 0;
  #listener: ResultListener | undefined;
  /** Results settled before anyone listened (a category started ahead of its worker). */
  #early: [number, ProbedMeta][] = [];
  #collections = 0;
  #sealed = false;
  #titled = false;
  #subjectTests: SubjectTests[] = [];
  #onTitled: (() => void)[] = [];

  /** A check that is one test: its index among the titles. */
  addTest(title: string): number {
    this.planned++;
    this.titles.push(title);
    return this.titles.length - 1;
  }

  /** A collection check: its tests are named when `settleSubjects` gives them. */
  expectSubjects(): void {
    this.planned++;
    this.#collections++;
  }

  /** Planning is over: with no collection check, the titles are final now. */
  seal(): void {
    this.#sealed = true;
    this.#finishTitles();
  }

  /** Calls back once every title is known (at once if they are). */
  whenTitled(callback: () => void): void {
    if (this.#titled) callback();
    else this.#onTitled.push(callback);
  }

  get titled(): boolean {
    return this.#titled;
  }

  /** Sets the one listener, handing it the results that settled before. */
  listen(listener: ResultListener): void {
    if (this.#listener) throw new Error('readyspec: a category run has one listener');
    this.#listener = listener;
    const early = this.#early;
    this.#early = [];
    for (const [i, meta] of early) listener(i, meta);
  }

  settle(i: number, meta: ProbedMeta): void {
    if (this.#listener) this.#listener(i, meta);
    else this.#early.push([i, meta]);
  }

  /** A collection check settled: its tests, in the order the probe gave its subjects. */
  settleSubjects(entry: SubjectTests): void {
    if (this.#titled) throw new Error('readyspec: a collection check settled after its category was titled');
    this.#subjectTests.push(entry);
    this.#collections--;
    this.#finishTitles();
  }

  #finishTitles(): void {
    if (this.#titled || !this.#sealed || this.#collections > 0) return;
    // Collection checks settle in any order; their tests are numbered in plan order.
    const entries = this.#subjectTests.sort((a, b) => a.plan - b.plan || a.target - b.target);
    this.#subjectTests = [];
    const results: [number, ProbedMeta][] = [];
    for (const entry of entries) {
      for (const test of entry.tests) {
        this.titles.push(test.title);
        results.push([this.titles.length - 1, test.meta]);
      }
    }
    this.#titled = true;
    for (const [i, meta] of results) this.settle(i, meta);
    const callbacks = this.#onTitled;
    this.#onTitled = [];
    for (const callback of callbacks) callback();
  }
}
