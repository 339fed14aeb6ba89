import { fail, type ProbeResult, pass } from '../probe.ts';
import type { GithubTransport } from '../transport/github.ts';
import { notReadable, type RepoRef } from './answers.ts';

export interface BranchProtectionParams {
  /** Minimum approving reviews required on pull requests. */
  requireReviews?: number;
  /** true: some status check must be required; a list: these checks must all be required. */
  requireStatusChecks?: boolean | string[];
}

interface Protection {
  required_pull_request_reviews?: { required_approving_review_count?: number };
  required_status_checks?: { contexts?: string[]; checks?: { context: string }[] };
}

interface Rule {
  type: string;
  parameters?: { required_approving_review_count?: number; required_status_checks?: { context: string }[] };
}

/**
 * Checks that the default branch is protected, by classic branch protection or by rulesets,
 * with at least the required reviews and status checks.
 * @example await branchProtected(gh, { owner: 'octo-org', repo: 'api' }, { requireReviews: 1, requireStatusChecks: ['ci/test'] })
 */
export async function branchProtected(
  gh: GithubTransport,
  r: RepoRef,
  p: BranchProtectionParams,
): Promise<ProbeResult> {
  const source = `${gh.baseUrl}/repos/${r.owner}/${r.repo}`;
  const repo = await gh.get<{ default_branch: string }>('GET /repos/{owner}/{repo}', { ...r });
  if (repo.status !== 200) return notReadable(repo, `repository ${r.owner}/${r.repo}`, source);
  const branch = repo.data.default_branch;
  const found = await readProtection(gh, r, branch);
  if ('outcome' in found) return found;
  const expected = {
    protected: true,
    reviews: p.requireReviews ?? 0,
    statusChecks: p.requireStatusChecks ?? false,
  };
  const observed = {
    protected: found.protected,
    via: found.via,
    reviews: found.reviews,
    statusChecks: found.checks,
  };
  const evidence = { source, branch, expected, observed };
  if (!found.protected)
    return fail(`default branch ${branch} is not protected (no branch protection, no ruleset)`, evidence);
  const problems: string[] = [];
  if ((p.requireReviews ?? 0) > found.reviews)
    problems.push(`requires ${found.reviews} approving review(s), policy wants ${p.requireReviews}`);
  if (p.requireStatusChecks === true && found.checks.length === 0) problems.push('requires no status check');
  if (Array.isArray(p.requireStatusChecks)) {
    const missing = p.requireStatusChecks.filter((c) => !found.checks.includes(c));
    if (missing.length) problems.push(`does not require status check(s) ${missing.join(', ')}`);
  }
  if (problems.length) return fail(`default branch ${branch} ${problems.join('; ')}`, evidence);
  return pass(
    `default branch ${branch} protected (${found.via}): ${found.reviews} review(s), ${found.checks.length} required check(s)`,
    evidence,
  );
}

type Found = { protected: boolean; via: string | null; reviews: number; checks: string[] };

async function readProtection(gh: GithubTransport, r: RepoRef, branch: string): Promise<Found | ProbeResult> {
  const source = `${gh.baseUrl}/repos/${r.owner}/${r.repo}/branches/${branch}/protection`;
  const classic = await gh.get<Protection>('GET /repos/{owner}/{repo}/branches/{branch}/protection', {
    ...r,
    branch,
  });
  // Rulesets apply to anyone who can read the repository; classic protection needs admin to read.
  const rules = await gh.list<Rule>('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch });
  const fromRules = rules.status === 200 ? summariseRules(rules.data) : null;
  if (classic.status === 200) {
    const d = classic.data;
    const checks = [
      ...new Set([
        ...(d.required_status_checks?.contexts ?? []),
        ...(d.required_status_checks?.checks ?? []).map((c) => c.context),
      ]),
    ];
    const found = {
      protected: true,
      via: 'branch protection',
      reviews: d.required_pull_request_reviews?.required_approving_review_count ?? 0,
      checks,
    };
    return fromRules?.protected ? merge(found, fromRules) : found;
  }
  // 404 "Branch not protected" is GitHub's answer "no", readable and final for classic protection.
  const unprotected = classic.status === 404 && /not protected/i.test(classic.message ?? '');
  if (fromRules?.protected) return fromRules;
  if (unprotected && fromRules) return { protected: false, via: null, reviews: 0, checks: [] };
  if (!unprotected) return notReadable(classic, `protection of ${branch}`, source);
  return notReadable(
    rules,
    `rulesets of ${branch}`,
    source.replace('/protection', '').replace('/branches/', '/rules/branches/'),
  );
}

function summariseRules(rules: Rule[]): Found {
  const pr = rules.filter((x) => x.type === 'pull_request');
  const sc = rules.filter((x) => x.type === 'required_status_checks');
  const reviews = Math.max(0, ...pr.map((x) => x.parameters?.required_approving_review_count ?? 0));
  const checks = [
    ...new Set(sc.flatMap((x) => (x.parameters?.required_status_checks ?? []).map((c) => c.context))),
  ];
  return { protected: pr.length + sc.length > 0, via: 'ruleset', reviews, checks };
}

function merge(a: Found, b: Found): Found {
  return {
    protected: true,
    via: `${a.via} + ${b.via}`,
    reviews: Math.max(a.reviews, b.reviews),
    checks: [...new Set([...a.checks, ...b.checks])],
  };
}
