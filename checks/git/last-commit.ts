import { fail, type ProbeResult, pass } from '../probe.ts';
import { type GitRepo, gitCommand, gitFailure, runGit } from './repo.ts';

export interface LastCommitParams {
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;
const LOG_ARGS = ['log', '-1', '--format=%H%x00%ct'];

/**
 * Checks that the newest commit on HEAD is at most `maxAgeDays` old (committer date: when it
 * landed, not when it was first written).
 * @example await lastCommitAge(repo, { maxAgeDays: 90 }, new Date())
 */
export async function lastCommitAge(repo: GitRepo, p: LastCommitParams, now: Date): Promise<ProbeResult> {
  const out = await runGit(repo, LOG_ARGS, { okCodes: [0, 128] });
  if (!out.ok) return out.result;
  const expected = `at most ${p.maxAgeDays} days old`;
  if (out.exitCode === 128) {
    // An empty repository is an answer (nothing committed); anything else is git failing to read.
    if (/does not have any commits/.test(out.stderr))
      return fail('no commit yet', { source: repo.source, expected, observed: null });
    return gitFailure(repo, gitCommand(repo.path, LOG_ARGS), out);
  }
  const [commit, epoch] = out.stdout.trim().split('\0');
  const iso = new Date(Number(epoch) * 1000).toISOString();
  const ageDays = Math.floor(((now.getTime() - Number(epoch) * 1000) / DAY_MS) * 10) / 10;
  const evidence = {
    source: repo.source,
    commit,
    committedAt: iso,
    observed: ageDays,
    expected,
    unit: 'days',
  };
  if (ageDays <= p.maxAgeDays) return pass(`last commit ${ageDays} days ago (${iso})`, evidence);
  return fail(`last commit ${ageDays} days ago (${iso}), older than ${p.maxAgeDays} days`, evidence);
}
