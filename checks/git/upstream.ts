import { fail, type ProbeResult, pass } from '../probe.ts';
import { readBranch } from './branch.ts';
import type { GitRepo } from './repo.ts';

/**
 * Checks that the checked-out branch tracks an upstream branch that still exists.
 * @example await upstreamSet(repo)
 */
export async function upstreamSet(repo: GitRepo): Promise<ProbeResult> {
  const info = await readBranch(repo);
  if ('outcome' in info) return info;
  const evidence = {
    source: repo.source,
    branch: info.branch,
    expected: 'an upstream branch',
    observed: info.upstream,
  };
  if (!info.branch) return fail('HEAD is detached: no branch, so no upstream', evidence);
  if (!info.upstream)
    return fail(
      `branch ${info.branch} has no upstream (git branch --set-upstream-to=<remote>/<branch>)`,
      evidence,
    );
  if (info.gone)
    return fail(`branch ${info.branch} tracks ${info.upstream}, which no longer exists on the remote`, {
      ...evidence,
      gone: true,
    });
  return pass(`branch ${info.branch} tracks ${info.upstream}`, evidence);
}
