import { fail, type ProbeResult, pass } from '../probe.ts';
import { describeStatus, parsePorcelain } from './porcelain.ts';
import { type GitRepo, runGit } from './repo.ts';

export interface CleanParams {
  /** Count untracked files as dirt (default true: a stray file on a server is drift too). */
  untracked?: boolean;
}

const LISTED = 50;

/** `git status` arguments: porcelain v1 with NUL separators, untracked files listed one by one. */
export function statusArgs(p: CleanParams = {}): string[] {
  return ['status', '--porcelain=v1', '-z', `--untracked-files=${(p.untracked ?? true) ? 'all' : 'no'}`];
}

/**
 * Checks that the working tree has no modified, staged or untracked files, naming the offenders.
 * @example await workingTreeClean(repo, { untracked: true })
 */
export async function workingTreeClean(repo: GitRepo, p: CleanParams = {}): Promise<ProbeResult> {
  const out = await runGit(repo, statusArgs(p));
  if (!out.ok) return out.result;
  const entries = parsePorcelain(out.stdout);
  const evidence = { source: repo.source, expected: 'no changes', observed: entries.length };
  if (entries.length === 0) return pass('working tree clean', evidence);
  const files = entries
    .slice(0, LISTED)
    .map((e) => ({ path: e.path, status: describeStatus(e.code), ...(e.from ? { from: e.from } : {}) }));
  const names = files
    .slice(0, 5)
    .map((f) => `${f.path} (${f.status})`)
    .join(', ');
  const more = entries.length > 5 ? ` and ${entries.length - 5} more` : '';
  return fail(`${entries.length} uncommitted change(s): ${names}${more}`, {
    ...evidence,
    files,
    truncated: entries.length > LISTED,
  });
}
