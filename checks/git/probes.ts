/** Repository probes: local paths and paths on inventory hosts, read with git over a command transport. */
import type { RepositoryEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { blobCommand } from './blobs.ts';
import { TRACKING_FORMAT } from './branch.ts';
import { type CleanParams, statusArgs, workingTreeClean } from './clean.ts';
import { checkIgnoreArgs, type GitignoreParams, gitignoreCoversSecrets, sampleNames } from './gitignore.ts';
import { type LastCommitParams, lastCommitAge } from './last-commit.ts';
import { nothingUnpushed } from './pushed.ts';
import { type GitRepo, gitCommand, isResult, resolveRepo } from './repo.ts';
import { noSecretContent, type SecretContentParams } from './secret-content.ts';
import { lsFilesArgs, noSecretFiles, type SecretFilesParams } from './secret-files.ts';
import { DEFAULT_SECRET_PATTERNS } from './secret-patterns.ts';
import { upstreamSet } from './upstream.ts';

/** Resolves the target, then runs the probe; GitHub-only entries and unknown hosts short-circuit. */
function withRepo<P>(probe: (repo: GitRepo, params: P, ctx: ProbeContext) => Promise<ProbeResult>) {
  return async (ctx: ProbeContext, target: RepositoryEntry, params: P): Promise<ProbeResult> => {
    const repo = resolveRepo(ctx, target);
    return isResult(repo) ? repo : probe(repo, params ?? ({} as P), ctx);
  };
}

const patterns = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description: 'gitignore-style patterns of secret file names',
};
const noParams = { type: 'object', additionalProperties: false, properties: {} };
/** Plan mode: the git commands a probe runs; `<…>` marks what is only known on the host. */
const plan =
  <P>(...steps: ((p: P) => string[])[]) =>
  (t: RepositoryEntry, p: P) =>
    t.path ? steps.map((args) => gitCommand(t.path as string, args(p ?? ({} as P)))) : [];
const branchSteps = [
  () => ['symbolic-ref', '-q', 'HEAD'],
  () => ['for-each-ref', TRACKING_FORMAT, '<HEAD ref>'],
];

export const gitProbes = [
  defineProbe<'repository', CleanParams>({
    name: 'git.clean',
    summary: 'Working tree has no uncommitted or untracked changes',
    target: 'repository',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { untracked: { type: 'boolean', description: 'count untracked files (default true)' } },
    },
    run: withRepo(workingTreeClean),
    plan: plan<CleanParams>(statusArgs),
  }),
  defineProbe<'repository', Record<string, never>>({
    name: 'git.pushed',
    summary: 'No local commit is missing from the remote',
    target: 'repository',
    params: noParams,
    run: withRepo((repo) => nothingUnpushed(repo)),
    plan: plan(...branchSteps, () => ['rev-list', '--count', 'HEAD', '--not', '--remotes']),
  }),
  defineProbe<'repository', Record<string, never>>({
    name: 'git.upstream',
    summary: 'The checked-out branch tracks an existing upstream branch',
    target: 'repository',
    params: noParams,
    run: withRepo((repo) => upstreamSet(repo)),
    plan: plan(...branchSteps),
  }),
  defineProbe<'repository', LastCommitParams>({
    name: 'git.last-commit',
    summary: 'The last commit is recent enough',
    target: 'repository',
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['maxAgeDays'],
      properties: {
        maxAgeDays: { type: 'number', minimum: 0, description: 'oldest acceptable last commit, in days' },
      },
    },
    run: withRepo((repo, p, ctx) => lastCommitAge(repo, p, ctx.options.now)),
    plan: plan(() => ['log', '-1', '--format=%H%x00%ct']),
  }),
  defineProbe<'repository', SecretFilesParams>({
    name: 'git.secret-files',
    subjects: true,
    summary:
      'No tracked file is named like a secret (.env, *.pem, *.key, id_rsa…); one result per tracked secret file',
    target: 'repository',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns,
        allow: {
          ...patterns,
          description: 'patterns that may be tracked (default .env.example, .env.sample…)',
        },
      },
    },
    run: withRepo(noSecretFiles),
    plan: plan<SecretFilesParams>(lsFilesArgs),
  }),
  defineProbe<'repository', SecretContentParams>({
    name: 'git.secret-content',
    subjects: true,
    summary:
      'No secret in committed files (secretlint recommended rules, generic credential assignments); one result per file with a finding',
    target: 'repository',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxFileBytes: {
          type: 'integer',
          minimum: 1,
          description: 'skip files larger than this (default 1 MiB)',
        },
        maxFiles: { type: 'integer', minimum: 1, description: 'scan at most this many files (default 5000)' },
        maxTotalBytes: {
          type: 'integer',
          minimum: 1,
          description: 'read at most this many bytes (default 64 MiB)',
        },
        exampleKeys: {
          enum: ['note', 'fail'],
          description:
            "documented example keys (AWS's AKIAIOSFODNN7EXAMPLE pair): note them and pass (default), or fail",
        },
      },
    },
    run: withRepo((repo, p, ctx) => noSecretContent(repo, p, ctx.options.timeoutMs)),
    plan: (t) =>
      t.path
        ? [gitCommand(t.path, ['ls-tree', '-r', '-z', '-l', 'HEAD']), blobCommand(t.path, ['<object ids>'])]
        : [],
  }),
  defineProbe<'repository', GitignoreParams>({
    name: 'git.gitignore',
    subjects: true,
    summary: '.gitignore covers each secret file pattern',
    target: 'repository',
    params: { type: 'object', additionalProperties: false, properties: { patterns } },
    run: withRepo(gitignoreCoversSecrets),
    plan: plan<GitignoreParams>((p) => checkIgnoreArgs(sampleNames(p.patterns ?? DEFAULT_SECRET_PATTERNS))),
  }),
];
