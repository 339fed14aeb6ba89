/** GitHub probes: repositories with `github: owner/name`, read through the REST API. */
import type { RepositoryEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { objectSchema } from '../params-schema.ts';
import { describeError, inconclusive, notApplicable, type ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { type GithubTransport, githubTransport } from '../transport/github.ts';
import { parseRepo, type RepoRef } from './answers.ts';
import { type BranchProtectionParams, branchProtected } from './branch-protection.ts';
import { type DependabotParams, noOpenDependabotAlerts } from './dependabot-alerts.ts';
import { type LastPushParams, lastPushAge } from './last-push.ts';
import { noOpenSecretAlerts } from './secret-alerts.ts';

/** Resolves `github:` and the client; a transport failure (network, timeout) becomes `error`. */
function withGithub<P>(
  probe: (gh: GithubTransport, repo: RepoRef, params: P, ctx: ProbeContext) => Promise<ProbeResult>,
) {
  return async (ctx: ProbeContext, target: RepositoryEntry, params: P): Promise<ProbeResult> => {
    if (!target.github)
      return notApplicable(`${target.name}: not a GitHub repository (no github: owner/name)`, {
        source: target.name,
      });
    const ref = parseRepo(target.github);
    if (!ref)
      return inconclusive(`${target.name}: github must be owner/name, got "${target.github}"`, {
        source: target.name,
      });
    try {
      return await probe(githubTransport(ctx, target), ref, params ?? ({} as P), ctx);
    } catch (err) {
      return inconclusive(describeError(err), { source: target.github });
    }
  };
}

const object = objectSchema;

export const githubProbes = [
  defineProbe<'repository', BranchProtectionParams>({
    name: 'github.branch-protection',
    summary: 'Default branch protected (reviews, status checks) by branch protection or rulesets',
    target: 'repository',
    params: object({
      requireReviews: { type: 'integer', minimum: 0, description: 'minimum approving reviews' },
      requireStatusChecks: {
        description: 'true: some status check required; a list: these checks required',
        oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string', minLength: 1 } }],
      },
    }),
    run: withGithub(branchProtected),
  }),
  defineProbe<'repository', LastPushParams>({
    name: 'github.last-push',
    summary: 'Something was pushed recently',
    target: 'repository',
    params: object(
      { maxAgeDays: { type: 'number', minimum: 0, description: 'oldest acceptable last push, in days' } },
      ['maxAgeDays'],
    ),
    run: withGithub((gh, r, p, ctx) => lastPushAge(gh, r, p, ctx.options.now)),
  }),
  defineProbe<'repository', Record<string, never>>({
    name: 'github.secret-alerts',
    subjects: true,
    summary: 'No open secret scanning alert',
    target: 'repository',
    params: object({}),
    run: withGithub((gh, r) => noOpenSecretAlerts(gh, r)),
  }),
  defineProbe<'repository', DependabotParams>({
    name: 'github.dependabot-alerts',
    subjects: true,
    summary: 'No open Dependabot alert above the tolerated severity',
    target: 'repository',
    params: object({
      maxSeverity: {
        enum: ['low', 'medium', 'high', 'critical'],
        description: 'highest severity that may stay open (default: none)',
      },
    }),
    run: withGithub(noOpenDependabotAlerts),
  }),
];
