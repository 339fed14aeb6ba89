/** Bounds for the SSH transport: hosts worked on at once across the run, and a small semaphore. */

export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

export interface SshLimits {
  /** Hosts with commands in flight at once (their connections stay open while idle). */
  hosts: Semaphore;
  /** Channels (execs in flight) per host; OpenSSH's MaxSessions defaults to 10. */
  channelsPerHost: number;
  /** Commands coalesced into one exec at most. */
  maxBatch: number;
  /**
   * Commands per exec at least (when that many are queued): a new channel costs sshd a fork
   * and a shell start, far more than one more command in a running shell.
   */
  minBatch: number;
}

export function createSshLimits(o: Partial<Omit<SshLimits, 'hosts'>> & { hosts?: number } = {}): SshLimits {
  return {
    hosts: new Semaphore(o.hosts ?? 64),
    channelsPerHost: o.channelsPerHost ?? 4,
    maxBatch: Math.max(1, o.maxBatch ?? 32),
    minBatch: Math.max(1, o.minBatch ?? 16),
  };
}
