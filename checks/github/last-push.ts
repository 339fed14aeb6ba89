import { fail, type ProbeResult, pass } from '../probe.ts';
import type { GithubTransport } from '../transport/github.ts';
import { notReadable, type RepoRef } from './answers.ts';

export interface LastPushParams {
  maxAgeDays: number;
}

/**
 * Checks that something was pushed to the repository within `maxAgeDays` (`pushed_at`).
 * @example await lastPushAge(gh, { owner: 'octo-org', repo: 'api' }, { maxAgeDays: 30 }, new Date())
 */
export async function lastPushAge(
  gh: GithubTransport,
  r: RepoRef,
  p: LastPushParams,
  now: Date,
): Promise<ProbeResult> {
  const source = `${gh.baseUrl}/repos/${r.owner}/${r.repo}`;
  const res = await gh.get<{ pushed_at: string | null }>('GET /repos/{owner}/{repo}', { ...r });
  if (res.status !== 200) return notReadable(res, `repository ${r.owner}/${r.repo}`, source);
  const expected = `at most ${p.maxAgeDays} days ago`;
  if (!res.data.pushed_at) return fail('nothing was ever pushed', { source, expected, observed: null });
  const ageDays = Math.floor(((now.getTime() - Date.parse(res.data.pushed_at)) / 86_400_000) * 10) / 10;
  const evidence = { source, pushedAt: res.data.pushed_at, observed: ageDays, expected, unit: 'days' };
  if (ageDays <= p.maxAgeDays) return pass(`last push ${ageDays} days ago (${res.data.pushed_at})`, evidence);
  return fail(
    `last push ${ageDays} days ago (${res.data.pushed_at}), older than ${p.maxAgeDays} days`,
    evidence,
  );
}
