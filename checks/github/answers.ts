/** How GitHub's answers become outcomes, shared by the GitHub probes. */
import { inconclusive, type ProbeResult } from '../probe.ts';
import type { GithubResponse } from '../transport/github.ts';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** `owner/name` → path params; null when malformed. */
export function parseRepo(github: string | undefined): RepoRef | null {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(github ?? '');
  return m ? { owner: m[1], repo: m[2] } : null;
}

/**
 * A non-2xx answer as an `error` result: the token cannot see this (403/404: missing scope or
 * permission, feature disabled, private repository), or GitHub failed. Never a `fail`: the
 * control was not evaluated.
 */
export function notReadable(res: GithubResponse, what: string, source: string): ProbeResult {
  const reason = res.message ?? `HTTP ${res.status}`;
  const hint =
    res.status === 401
      ? 'the token is missing, expired or revoked'
      : res.status === 403 || res.status === 404
        ? 'the token lacks the permission, the feature is disabled, or the repository is not visible to it'
        : 'GitHub did not answer normally';
  return inconclusive(`cannot read ${what}: ${res.status} ${reason} (${hint})`, {
    source,
    status: res.status,
    reason,
  });
}
