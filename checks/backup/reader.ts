/**
 * How backups are read, whatever holds them: a directory of files, a restic repository or a
 * borg repository, on the audit machine or on a host over SSH. Each kind turns the same three
 * questions (which snapshots, how big, restore one) into its own commands.
 */
import {
  type Command,
  type CommandResult,
  type CommandTransport,
  commandLine,
} from '../transport/command.ts';

/** One backup: a restic snapshot, a borg archive, or a file in a backup directory. */
export interface Snapshot {
  id: string;
  /** ISO 8601, UTC. */
  time: string;
  /** Known without asking again (directory files). */
  bytes?: number;
  /**
   * Which run of backups this one belongs to, where one place holds several (a directory with
   * nightly dumps and nightly file archives): a size is compared only within its series.
   */
  series?: string;
}

export interface BackupReader {
  /** `host:path` for messages and evidence. */
  readonly source: string;
  /** Every snapshot, oldest first. Rejects with BackupReadError when the repository cannot be read. */
  list(): Promise<Snapshot[]>;
  /** Size of one snapshot's contents in bytes. */
  size(snapshot: Snapshot): Promise<number>;
  /** Restores a snapshot into an existing empty directory on the same machine. */
  restore(snapshot: Snapshot, into: string, timeoutMs: number): Promise<CommandResult>;
}

export class BackupReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupReadError';
  }
}

export interface ReaderDeps {
  transport: CommandTransport;
  path: string;
  /** Fed on stdin, never in the script: restic/borg read it into their environment variable. */
  password?: string;
}

/** Runs a command; resolves stdout when it exits 0, else rejects naming the command and its stderr. */
export async function runRead(
  d: ReaderDeps,
  command: Command,
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<string> {
  const r = await d.transport.run(command, options);
  if (r.exitCode !== 0) throw new BackupReadError(`${d.transport.host}: ${exitReport(command, r)}`);
  return r.stdout;
}

/** What the shell's own exit codes mean: the tool never ran. */
const SHELL_EXIT: Record<number, string> = {
  126: 'the tool is not executable',
  127: 'the tool is not installed or not on PATH',
};

// borg ends a failure with a Python traceback and a footer about the machine; neither says why.
const NOISE =
  /^(?:Traceback \(most recent call last\)|File "|\^+$|Local Exception$|Platform:|Linux:|Borg:|PID:|sys\.argv:|SSH_ORIGINAL_COMMAND:)/;
const CAUSE =
  /error|denied|fatal|not found|incorrect|invalid|cannot|can't|failed|no such|refused|wrong|unable/i;

/**
 * The line(s) of a tool's stderr that say why it failed: lines naming an error first (at most
 * two), else the last three, without traceback frames or machine footers; at most 400 characters.
 * @example stderrCause('Traceback…\nPermissionError: [Errno 13] Permission denied: …\nPID: 1') // 'PermissionError: …'
 */
export function stderrCause(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.test(l));
  const telling = lines.filter((l) => CAUSE.test(l));
  return (telling.length ? telling.slice(0, 2) : lines.slice(-3)).join(' ').slice(0, 400);
}

/** The shell's meaning of an exit code when the tool never ran (126, 127), else undefined. */
export function exitMeaning(code: number | null): string | undefined {
  return code === null ? undefined : SHELL_EXIT[code];
}

/**
 * `command` exited N (what that means): last lines of stderr. Names the cause for messages.
 * @example exitReport(sh`restic version`, { exitCode: 127, stderr: 'restic: not found', … })
 */
export function exitReport(command: Command, r: CommandResult): string {
  const why = stderrCause(r.stderr) || 'no output';
  const meaning = exitMeaning(r.exitCode);
  return `\`${commandLine(command)}\` exited ${r.exitCode ?? 'by signal'}${meaning ? ` (${meaning})` : ''}: ${why}`;
}

/**
 * One snapshot from a tool's listing, or a BackupReadError naming the entry: an entry without
 * an id or a readable time is an answer we cannot judge, never a backup skipped or misdated.
 */
export function snapshotOf(id: unknown, time: unknown, what: string): Snapshot {
  const at = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  if (typeof id !== 'string' || !id || Number.isNaN(at))
    throw new BackupReadError(
      `${what}: an entry has no id or no readable time (${JSON.stringify({ id, time })})`,
    );
  return { id, time: new Date(at).toISOString() };
}

/** The listing's array, or a BackupReadError when the answer has another shape. */
export function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new BackupReadError(`${what}: expected a list, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return value;
}

/** Parses JSON output, naming the command when it is not JSON. */
export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new BackupReadError(`${what}: output is not JSON: ${text.slice(0, 120)}`, { cause: err });
  }
}

/** A password line for stdin; the command's `read -r` takes it into its environment. */
export function passwordInput(d: ReaderDeps): string | undefined {
  return d.password === undefined ? undefined : `${d.password}\n`;
}
