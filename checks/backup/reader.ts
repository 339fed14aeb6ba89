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
  if (r.exitCode !== 0) {
    const why = r.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400) || 'no output';
    throw new BackupReadError(
      `${d.transport.host}: \`${commandLine(command)}\` exited ${r.exitCode ?? 'by signal'}: ${why}`,
    );
  }
  return r.stdout;
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
