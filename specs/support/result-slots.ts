/**
 * A category's results as they arrive, taken by its tests in order. One slot per test and at
 * most one waiting test: no promise per result (50,000 promises and their settlers were 10 MB
 * the worker kept until each result came), and a result that is already there is taken
 * without waiting.
 */
import type { TestMeta } from '../../reporters/meta.ts';

export interface ControlResults {
  /** Result i, removed from the slots: each is taken once, by its test. */
  take(i: number): TestMeta | Promise<TestMeta>;
}

export class ResultSlots implements ControlResults {
  readonly #slots: (TestMeta | undefined)[];
  #waiting: { i: number; resolve(meta: TestMeta): void; reject(err: Error): void } | undefined;
  #failure: Error | undefined;

  constructor(count: number) {
    this.#slots = new Array(count);
  }

  arrive(i: number, meta: TestMeta): void {
    const waiting = this.#waiting;
    if (waiting?.i === i) {
      this.#waiting = undefined;
      waiting.resolve(meta);
    } else this.#slots[i] = meta;
  }

  /** Nothing more will arrive: the waiting test and every later one fail with `err`. */
  fail(err: Error): void {
    this.#failure ??= err;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(err);
  }

  take(i: number): TestMeta | Promise<TestMeta> {
    const meta = this.#slots[i];
    if (meta) {
      this.#slots[i] = undefined;
      return meta;
    }
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#waiting)
      throw new Error(`readyspec: result ${i} taken while result ${this.#waiting.i} is awaited`);
    return new Promise((resolve, reject) => {
      this.#waiting = { i, resolve, reject };
    });
  }
}
