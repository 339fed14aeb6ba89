/**
 * How a git probe reaches a repository: a local path (LocalTransport) or a path on an inventory
 * host (that host's command transport, SSH or local). Git always runs as `git -C <path> …` built
 * with `sh`, so the same probe reads a laptop checkout and a server's deploy directory.
 */
import type { RepositoryEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { inconclusive, notApplicable, type ProbeResult } from '../probe.ts';
import {
  type Command,
  type CommandTransport,
  commandLine,
  type RunOptions,
  sh,
} from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { LocalTransport } from '../transport/local.ts';

/** A repository reachable by commands: where git runs and where its working tree is. */
export interface GitRepo {
  transport: CommandTransport;
  path: string;
  /** `host:path`, for evidence. */
  source: string;
}

/**
 * Resolves a repository target to a transport and a path, or to a result when git cannot read it
 * (GitHub-only entry → not-applicable; unknown host → error).
 * @example const repo = resolveRepo(ctx, { name: 'app', path: '/srv/app', host: 'web-1' })
 */
export function resolveRepo(ctx: ProbeContext, target: RepositoryEntry): GitRepo | ProbeResult {
  if (!target.path) {
    return notApplicable(`${target.name}: no local or host path (GitHub-only repository)`, {
      source: target.github ?? target.name,
    });
  }
  if (target.host) {
    const host = ctx.policy.inventory.hosts.find((h) => h.name === target.host);
    if (!host)
      return inconclusive(`${target.name}: host ${target.host} is not in the inventory`, {
        source: `${target.host}:${target.path}`,
      });
    return {
      transport: commandTransport(ctx, host),
      path: target.path,
      source: `${host.name}:${target.path}`,
    };
  }
  const path = ctx.path(target.path);
  const transport = ctx.shared(
    'command:git-local',
    () => new LocalTransport('local', { timeoutMs: ctx.options.timeoutMs }),
  );
  return { transport, path, source: `local:${path}` };
}

export function isResult(value: GitRepo | ProbeResult): value is ProbeResult {
  return 'outcome' in value;
}

/**
 * `git -C <path> <args>`. `--no-optional-locks` keeps the audit read-only: plain `git status`
 * refreshes and rewrites the index, which a probe must never do to someone's checkout.
 * @example gitCommand('/srv/app', ['status', '--porcelain=v1', '-z'])
 */
export function gitCommand(path: string, args: readonly string[]): Command {
  return sh`LC_ALL=C git --no-optional-locks -C ${path} ${args}`;
}

export type GitOutput =
  | { ok: true; stdout: string; stderr: string; exitCode: number }
  | { ok: false; result: ProbeResult };

/**
 * Runs git in the repository. Exit codes listed in `okCodes` are answers; anything else (not a
 * repository, git missing, unreachable host, timeout) becomes an `error` result naming the cause.
 */
export async function runGit(
  repo: GitRepo,
  args: readonly string[],
  options: RunOptions & { okCodes?: number[] } = {},
): Promise<GitOutput> {
  const command = gitCommand(repo.path, args);
  const okCodes = options.okCodes ?? [0];
  let r: Awaited<ReturnType<CommandTransport['run']>>;
  try {
    r = await repo.transport.run(command, options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      result: inconclusive(`${repo.source}: ${message}`, {
        source: repo.source,
        command: commandLine(command),
      }),
    };
  }
  if (r.exitCode !== null && okCodes.includes(r.exitCode))
    return { ok: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  return { ok: false, result: await gitFailure(repo, command, r) };
}

/**
 * The `error` result of a git command that failed. Git says only "not a git repository" when
 * it cannot read `.git` (permission): when `.git` is there, the message says so instead.
 */
export async function gitFailure(
  repo: GitRepo,
  command: Command,
  r: { exitCode: number | null; stderr: string },
): Promise<ProbeResult> {
  let why = explainGitFailure(r.exitCode, r.stderr);
  if (why === 'not a git repository' && (await dotGitExists(repo)))
    why = `${repo.path}/.git exists but git cannot read it (permission denied to the audit user?): ${lastLine(r.stderr)}`;
  return inconclusive(`${repo.source}: ${why}`, {
    source: repo.source,
    command: commandLine(command),
    exitCode: r.exitCode,
    stderr: r.stderr.slice(0, 500),
  });
}

async function dotGitExists(repo: GitRepo): Promise<boolean> {
  try {
    return (await repo.transport.run(sh`test -e ${`${repo.path}/.git`}`)).exitCode === 0;
  } catch {
    return false;
  }
}

function lastLine(stderr: string): string {
  return stderr.trim().split('\n').filter(Boolean).pop() ?? '';
}

/** Turns git's exit status and stderr into a sentence an operator can act on. */
export function explainGitFailure(exitCode: number | null, stderr: string): string {
  const text = lastLine(stderr);
  if (exitCode === 127 || /git: (command )?not found/.test(stderr))
    return 'git is not installed (or not on PATH) on this host';
  if (/not a git repository/i.test(stderr)) return 'not a git repository';
  if (/cannot change to/i.test(stderr))
    return `the repository path does not exist or is not readable (${text})`;
  if (/dubious ownership/i.test(stderr))
    return 'git refuses the repository: owned by another user (safe.directory); run the audit as the owner';
  return `git exited with ${exitCode ?? 'no status'}${text ? `: ${text}` : ''}`;
}
