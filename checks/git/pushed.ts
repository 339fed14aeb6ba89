import { fail, type ProbeResult, pass } from '../probe.ts';
import { readBranch } from './branch.ts';
import { type GitRepo, runGit } from './repo.ts';

/**
 * Checks that no local commit is missing from the remote: ahead count against the upstream or,
 * without one (detached HEAD, untracked branch), commits reachable from HEAD and from no
 * remote-tracking branch. As of the last fetch: the audit does not fetch.
 * @example await nothingUnpushed(repo)
 */
export async function nothingUnpushed(repo: GitRepo): Promise<ProbeResult> {
  const info = await readBranch(repo);
  if ('outcome' in info) return info;
  const base = { source: repo.source, branch: info.branch, upstream: info.upstream, expected: 0 };
  if (info.unborn)
    return pass(`branch ${info.branch} has no commits yet: nothing to push`, { ...base, observed: 0 });
  if (info.upstream && !info.gone) {
    const evidence = { ...base, observed: info.ahead, behind: info.behind };
    if (info.ahead === 0)
      return pass(`nothing unpushed: ${info.branch} is level with ${info.upstream}`, evidence);
    return fail(`${info.ahead} commit(s) on ${info.branch} not pushed to ${info.upstream}`, evidence);
  }
  const out = await runGit(repo, ['rev-list', '--count', 'HEAD', '--not', '--remotes']);
  if (!out.ok) return out.result;
  const count = Number(out.stdout.trim());
  const where = info.branch ? `branch ${info.branch} (no upstream)` : 'detached HEAD';
  const evidence = { ...base, observed: count, comparedWith: 'all remote-tracking branches' };
  if (count === 0) return pass(`nothing unpushed: every commit of ${where} is on a remote`, evidence);
  return fail(`${count} commit(s) of ${where} are on no remote`, evidence);
}
