/**
 * Progress of a long audit, fed by the grade reporter's per-test hooks (a counter and a map
 * update per test: nothing at 50,000 tests). On a terminal one line updates in place; in CI
 * (no TTY, or CI set) a plain line every few seconds; nothing at all for a run shorter than
 * QUIET_MS, so a quick audit prints only its grade.
 */

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Set CI=true (or anything but false/0) to get plain lines even on a TTY. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** No output before this many ms. */
  quietMs?: number;
  /** How often the line is redrawn on a TTY, and printed in CI. */
  ttyEveryMs?: number;
  ciEveryMs?: number;
}

export const QUIET_MS = 2000;

export class Progress {
  total = 0;
  done = 0;
  failing = 0;
  inconclusive = 0;
  /** Tests waiting for their result, oldest first (a Map keeps insertion order). */
  private readonly inFlight = new Map<string, { name: string; since: number }>();
  private readonly started: number;
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly tty: boolean;
  private readonly everyMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    options: ProgressOptions = {},
  ) {
    const env = options.env ?? process.env;
    const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.tty = Boolean(out.isTTY) && !ci;
    this.everyMs = this.tty ? (options.ttyEveryMs ?? 200) : (options.ciEveryMs ?? 5000);
  }

  /** Starts the periodic line (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref?.();
  }

  collected(tests: number): void {
    this.total += tests;
  }

  ready(id: string, name: string): void {
    this.inFlight.set(id, { name, since: this.now() });
  }

  finished(id: string, outcome: string | undefined): void {
    this.inFlight.delete(id);
    this.done++;
    if (outcome === 'fail') this.failing++;
    else if (outcome === 'error') this.inconclusive++;
  }

  /** Prints the line if the run has lasted long enough; called by the timer. */
  tick(): void {
    const elapsed = this.now() - this.started;
    if (elapsed < this.quietMs) return;
    const line = this.line(elapsed);
    if (this.tty) {
      this.out.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else this.out.write(`${line}\n`);
  }

  /** Stops the timer and clears the in-place line, before the grade is printed. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }

  line(elapsed = this.now() - this.started): string {
    const parts = [
      `readyspec: ${this.done}/${this.total} checked`,
      `${this.failing} failing`,
      `${this.inconclusive} inconclusive`,
      `${seconds(elapsed)} elapsed`,
    ];
    const oldest = this.inFlight.values().next();
    if (!oldest.done) {
      const wait = this.now() - oldest.value.since;
      parts.push(`waiting ${seconds(wait)} on ${cut(oldest.value.name, this.tty ? 60 : 120)}`);
    }
    return parts.join(', ');
  }
}

function seconds(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)}s`
    : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
