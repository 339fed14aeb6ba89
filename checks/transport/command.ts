/**
 * The command transport: how a host probe reads a machine. Local and SSH transports both
 * implement it, so a host probe runs unchanged on either. Probes only build commands with
 * `sh`, which quotes every interpolated value: a hostile value from a policy reaches the
 * target as one inert argument.
 */

export interface CommandResult {
  /** null when the command was killed (timeout) or the channel closed before an exit status. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** A read-only command built from a probe's template. */
export interface Command {
  /** The template it came from, e.g. `df -P -k {path}`; what plan mode and the read-only audit list. */
  template: string;
  /** The shell text sent to the target. */
  script: string;
  /**
   * true: this command's output belongs to this one call: it makes scratch state (mktemp),
   * or its answer depends on the clock or on chance, so two calls with the same text must run
   * twice and never share one result. Absent (the default) means mergeable: every other command
   * is a read of the target's state, and two identical reads queued in the same moment see the
   * same state, so merging them changes no result and spares the host a duplicate (four
   * controls reading /proc/meminfo). Forgetting the flag is caught anyway: the SSH batcher also
   * refuses to merge a script that visibly makes state or reads the clock or randomness
   * (ssh-batch.ts, `mergeable`), since a needless refusal costs one command and a wrong merge
   * mixes two results.
   */
  unique?: boolean;
}

/** The same command, marked as never to be merged with an identical one (see Command.unique). */
export function unique(command: Command): Command {
  return { ...command, unique: true };
}

export interface RunOptions {
  timeoutMs?: number;
  /** Run through `sudo -n` (only honoured when the host allows sudo). */
  sudo?: boolean;
  /**
   * Written to the command's stdin, then stdin is closed. How secrets reach a command (e.g. a
   * restic password read with `read -r`): never in the script, which plan mode and logs show.
   */
  stdin?: string;
}

export interface CommandTransport {
  /** The host's inventory name, for messages. */
  readonly host: string;
  /**
   * Runs one command. Resolves with its result whatever the exit code; rejects with a
   * TransportError when the host cannot be reached or the command times out.
   */
  run(command: Command, options?: RunOptions): Promise<CommandResult>;
  /**
   * A byte stream to a Unix socket on the host (e.g. the Docker engine socket), without
   * needing any client on the host. SSH: a stream-local forward over the host's connection.
   */
  openUnixSocket?(path: string): Promise<import('node:stream').Duplex>;
  close(): Promise<void>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/**
 * POSIX single-quote quoting. zx's `quote` emits bash's $'…' form, which dash (Debian's
 * /bin/sh) and other POSIX shells on targets do not understand, so we quote ourselves.
 */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** Longest command text quoted into evidence and messages; a longer script is cut with an ellipsis. */
const SHOWN_MAX = 400;

/**
 * The command as the target ran it, arguments quoted in (not the template's `{}`): what evidence
 * and messages show, so a reader can run the same thing by hand.
 * @example commandLine(sh`df -P -k ${'/var/lib'}`) // → "df -P -k /var/lib"
 */
export function commandLine(command: Command): string {
  const text = command.script;
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX - 1)}…` : text;
}

type Arg = string | number | readonly (string | number)[];

/**
 * Builds a Command from a template literal; each interpolation becomes one quoted argument
 * (an array becomes several).
 * @example sh`df -P -k ${mount}` // → { template: 'df -P -k {}', script: "df -P -k '/var/lib'" }
 */
export function sh(strings: TemplateStringsArray, ...args: Arg[]): Command {
  let template = strings[0];
  let script = strings[0];
  args.forEach((arg, i) => {
    const values = Array.isArray(arg) ? arg : [arg];
    template += `{}${strings[i + 1]}`;
    script += values.map((v) => shellQuote(String(v))).join(' ') + strings[i + 1];
  });
  return { template: template.trim(), script: script.trim() };
}
