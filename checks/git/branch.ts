/**
 * The checked-out branch and its upstream, read from git's own tracking info
 * (`for-each-ref --format=%(upstream:track)`), without fetching: the audit never talks to the
 * remote, so ahead/behind are as of the repository's last fetch.
 */
import type { ProbeResult } from '../probe.ts';
import { type GitRepo, runGit } from './repo.ts';

/** What for-each-ref prints per branch: ref, upstream, tracking state, NUL-separated. */
export const TRACKING_FORMAT = '--format=%(refname)%00%(upstream:short)%00%(upstream:track,nobracket)';

export interface BranchInfo {
  /** null when HEAD is detached. */
  branch: string | null;
  /** The branch has no commit yet. */
  unborn: boolean;
  /** e.g. `origin/main`; null when none is configured. */
  upstream: string | null;
  /** The configured upstream no longer exists on the remote (`[gone]`). */
  gone: boolean;
  ahead: number;
  behind: number;
}

/** @example const info = await readBranch(repo); if ('outcome' in info) return info; */
export async function readBranch(repo: GitRepo): Promise<BranchInfo | ProbeResult> {
  const head = await runGit(repo, ['symbolic-ref', '-q', 'HEAD'], { okCodes: [0, 1] });
  if (!head.ok) return head.result;
  const ref = head.exitCode === 0 ? head.stdout.trim() : '';
  if (!ref) {
    // Exit 1 is a detached HEAD; outside a repository symbolic-ref exits 128, an error above.
    return { branch: null, unborn: false, upstream: null, gone: false, ahead: 0, behind: 0 };
  }
  const info = await runGit(repo, ['for-each-ref', TRACKING_FORMAT, ref]);
  if (!info.ok) return info.result;
  const branch = ref.replace(/^refs\/heads\//, '');
  const line = info.stdout.split('\n').find((l) => l.startsWith(`${ref}\0`));
  if (!line) return { branch, unborn: true, upstream: null, gone: false, ahead: 0, behind: 0 };
  const [, upstream, track] = line.split('\0');
  return {
    branch,
    unborn: false,
    upstream: upstream || null,
    gone: track === 'gone',
    ahead: Number(/ahead (\d+)/.exec(track)?.[1] ?? 0),
    behind: Number(/behind (\d+)/.exec(track)?.[1] ?? 0),
  };
}
