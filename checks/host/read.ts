/**
 * What every host probe shares: run a read-only command, and turn "could not read" into an
 * `error` result naming the host and command, never a thrown exception.
 */
import { fromError, type ProbeResult } from '../probe.ts';
import {
  type Command,
  type CommandResult,
  type CommandTransport,
  commandLine,
  type RunOptions,
  TransportError,
} from '../transport/command.ts';

/** The target answered, but not in a way we can judge (non-zero exit, unparsable output). */
export class ReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadError';
  }
}

/** A command's end in words: `exit 3`, or `killed without exit status` (timeout, lost channel). */
export function exitText(code: number | null): string {
  return code === null ? 'killed without exit status' : `exit ${code}`;
}

/** `host:command` (as run, arguments quoted in), the evidence `source` of a command probe. */
export function sourceOf(t: CommandTransport, command: Command): string {
  return `${t.host}:${commandLine(command)}`;
}

/** Runs a command and insists on exit status 0; otherwise a ReadError with its stderr. */
export async function readOk(
  t: CommandTransport,
  command: Command,
  options?: RunOptions,
): Promise<CommandResult> {
  const r = await t.run(command, options);
  if (r.exitCode !== 0) {
    const why = r.stderr.trim().split('\n').slice(-2).join(' ') || 'no error output';
    throw new ReadError(
      `${t.host}: \`${commandLine(command)}\` exited ${r.exitCode ?? 'without status'}: ${why}`,
    );
  }
  return r;
}

/**
 * Runs a command with `sudo -n` where the host allows it; when sudo itself refuses (a password
 * is required, not in sudoers), runs it again as the audit user, who may still read enough.
 */
export async function runPreferSudo(t: CommandTransport, command: Command): Promise<CommandResult> {
  const r = await t.run(command, { sudo: true });
  if (r.exitCode === 0 || !/^sudo: /m.test(r.stderr)) return r;
  return t.run(command);
}

/**
 * Runs a probe body; a transport failure or unreadable answer becomes an `error` outcome with
 * its cause. Anything else is a programmer mistake and still throws.
 */
export async function guarded(source: string, body: () => Promise<ProbeResult>): Promise<ProbeResult> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof TransportError || err instanceof ReadError) return fromError(err, { source });
    throw err;
  }
}
