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
