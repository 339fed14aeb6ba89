/**
 * Batching: several read-only commands for one host in one exec. Each command runs in its own
 * subshell with stdin closed; after it, a marker carrying a random per-batch token, the
 * command's index and its exit status is printed on stdout (and on stderr), so each command
 * gets back exactly its own stdout, stderr and status. A command's output cannot forge a
 * marker: the token is 128 random bits drawn after the commands were built.
 */
import { randomBytes } from 'node:crypto';
import { type Command, type CommandResult, shellQuote } from './command.ts';

export interface BatchItem {
  script: string;
  sudo: boolean;
}

export interface Batch {
  token: string;
  script: string;
}

/** The shell text of one batch. */
export function buildBatch(items: BatchItem[]): Batch {
  const token = `rs${randomBytes(16).toString('hex')}`;
  const lines = [`printf '%s\\n' ${token}:B; printf '%s\\n' ${token}:B >&2`];
  items.forEach((item, i) => {
    const body = item.sudo ? `sudo -n /bin/sh -c ${shellQuote(item.script)}` : item.script;
    lines.push(
      `(\n${body}\n) </dev/null; printf '\\n%s:%s:E:%s\\n' ${token} ${i} "$?"; printf '\\n%s:%s:E\\n' ${token} ${i} >&2`,
    );
  });
  return { token, script: lines.join('\n') };
}

/**
 * The command scripts inside a batch script, or undefined when the text is not exactly a batch
 * (header, then framed commands, nothing else): what the read-only audit compares to the plan.
 */
export function splitBatchScript(script: string): string[] | undefined {
  const head = /^printf '%s\\n' (rs[0-9a-f]{32}):B; printf '%s\\n' \1:B >&2/y;
  const h = head.exec(script);
  if (!h) return undefined;
  const token = h[1];
  const frame = new RegExp(
    `\\n\\(\\n([\\s\\S]*?)\\n\\) </dev/null; printf '\\\\n%s:%s:E:%s\\\\n' ${token} (\\d+) "\\$\\?"; printf '\\\\n%s:%s:E\\\\n' ${token} \\2 >&2`,
    'y',
  );
  frame.lastIndex = head.lastIndex;
  const commands: string[] = [];
  for (let m = frame.exec(script); m; m = frame.exec(script)) {
    if (Number(m[2]) !== commands.length) return undefined;
    const sudo = /^sudo -n \/bin\/sh -c (?:'([\s\S]*)'|([^\s']+))$/.exec(m[1]);
    commands.push(sudo ? (sudo[2] ?? sudo[1].replaceAll(`'"'"'`, "'")) : m[1]);
    if (frame.lastIndex === script.length) return commands;
  }
  return undefined;
}

/**
 * Cuts one stream of a running batch into per-command pieces as bytes arrive. Calls `onEnd`
 * with (index, bytes, exit status from stdout markers) in order.
 */
export class BatchStream {
  #buf: Buffer = Buffer.alloc(0);
  #started = false;
  #next = 0;
  readonly #begin: Buffer;

  constructor(
    private readonly token: string,
    private readonly withStatus: boolean,
    private readonly onEnd: (index: number, output: Buffer, status: number | null) => void,
  ) {
    this.#begin = Buffer.from(`${token}:B\n`);
  }

  push(chunk: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    if (!this.#started) {
      const at = this.#buf.indexOf(this.#begin);
      if (at < 0) return;
      this.#buf = this.#buf.subarray(at + this.#begin.length);
      this.#started = true;
    }
    for (;;) {
      const marker = Buffer.from(`\n${this.token}:${this.#next}:E`);
      const at = this.#buf.indexOf(marker);
      if (at < 0) return;
      const lineEnd = this.#buf.indexOf(0x0a, at + marker.length);
      if (lineEnd < 0) return;
      const tail = this.#buf.subarray(at + marker.length, lineEnd).toString();
      const status = this.withStatus && tail.startsWith(':') ? Number(tail.slice(1)) : null;
      this.onEnd(this.#next, this.#buf.subarray(0, at), status);
      this.#buf = this.#buf.subarray(lineEnd + 1);
      this.#next++;
    }
  }
}

/**
 * Shell text whose output differs from one run to the next: scratch state (mktemp), the clock
 * (date, /proc/uptime), randomness ($RANDOM, /dev/urandom, uuidgen) or the shell's own pid ($$). A backstop
 * for a command not marked `unique`: refusing to merge costs one command, merging mixes results.
 */
const VARIES =
  /\bmktemp\b|\bdate\b|\$RANDOM\b|\/dev\/u?random\b|\buuidgen\b|\/proc\/sys\/kernel\/random\/uuid|\$\$|\$\{\$\}|\$EPOCH|\/proc\/uptime\b/;

/** Whether a command may share one run with an identical command queued beside it. */
export function mergeable(command: Command): boolean {
  return !command.unique && !VARIES.test(command.script);
}

/** What coalesce needs of a queued command (ssh-exec's Pending). */
export interface Queued {
  command: Command;
  sudo: boolean;
  timeoutMs: number;
  resolve(result: CommandResult): void;
  reject(err: unknown): void;
}

/**
 * Identical read-only commands queued together (four controls reading /proc/meminfo) run once;
 * each caller still gets its own copy of the result. A command that is not `mergeable` (its
 * output belongs to one call: a restore drill's scratch directory) always runs on its own.
 */
export function coalesce<T extends Queued>(items: T[]): T[] {
  const groups = new Map<string, T[]>();
  const out: (T | T[])[] = [];
  for (const item of items) {
    if (!mergeable(item.command)) {
      out.push(item);
      continue;
    }
    const key = `${item.sudo}\0${item.command.script}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else {
      const fresh = [item];
      groups.set(key, fresh);
      out.push(fresh);
    }
  }
  return out.map((g) => (Array.isArray(g) ? merged(g) : g));
}

function merged<T extends Queued>(g: T[]): T {
  if (g.length === 1) return g[0];
  return {
    ...g[0],
    timeoutMs: Math.max(...g.map((x) => x.timeoutMs)),
    resolve: (r: CommandResult) => {
      for (const x of g) x.resolve({ ...r });
    },
    reject: (e: unknown) => {
      for (const x of g) x.reject(e);
    },
  };
}
