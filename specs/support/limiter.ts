/** A bounded-concurrency queue: at most `limit` tasks run at once, started in submission order. */
export class Limiter {
  #active = 0;
  readonly #queue: (() => void)[] = [];
  #head = 0;

  constructor(private readonly limit: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.#active--;
            this.#next();
          });
      };
      if (this.#active < this.limit) start();
      else this.#queue.push(start);
    });
  }

  #next() {
    if (this.#head < this.#queue.length) {
      const start = this.#queue[this.#head];
      this.#queue[this.#head++] = noop;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      start();
    }
  }
}

function noop() {}
