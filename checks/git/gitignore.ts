import { fail, type ProbeResult, pass } from '../probe.ts';
import { type GitRepo, runGit } from './repo.ts';
import { DEFAULT_SECRET_PATTERNS, samplePaths } from './secret-patterns.ts';

export interface GitignoreParams {
  /** Secret-file patterns the repository's .gitignore files must cover (default: the secret-files list). */
  patterns?: string[];
}

/** Concrete names each pattern must ignore. */
export function sampleNames(patterns: readonly string[]): { pattern: string; path: string }[] {
  return patterns.flatMap((pattern) => samplePaths(pattern).map((path) => ({ pattern, path })));
}

/**
 * `git check-ignore` arguments. Sample names go in as arguments (the SSH transport runs commands
 * with stdin closed, and -z needs --stdin); they are plain, so git prints them unquoted:
 * `source:line:pattern<TAB>path`, and `::<TAB>path` for a name no pattern matches (-n).
 */
export function checkIgnoreArgs(samples: readonly { path: string }[]): string[] {
  const config = ['-c', 'core.excludesFile=/dev/null', '-c', 'core.quotePath=false'];
  return [...config, 'check-ignore', '--no-index', '-v', '-n', '--', ...samples.map((s) => s.path)];
}

/**
 * Checks that the repository's own .gitignore files ignore secret file names. Git decides
 * (`check-ignore --no-index` on sample names), with the operator's personal excludes file
 * switched off and `.git/info/exclude` not counted: neither protects the next clone.
 * @example await gitignoreCoversSecrets(repo, { patterns: ['.env', '*.pem'] })
 */
export async function gitignoreCoversSecrets(repo: GitRepo, p: GitignoreParams = {}): Promise<ProbeResult> {
  const patterns = p.patterns ?? [...DEFAULT_SECRET_PATTERNS];
  const samples = sampleNames(patterns);
  const out = await runGit(repo, checkIgnoreArgs(samples), { okCodes: [0, 1] });
  if (!out.ok) return out.result;
  const covered = new Map<string, string>();
  for (const line of out.stdout.split('\n')) {
    const m = /^(.*?):(\d+):(.*)\t(.*)$/.exec(line);
    if (!m) continue;
    const [, source, lineNo, rule, path] = m;
    if (source.endsWith('.gitignore') && rule && !rule.startsWith('!'))
      covered.set(path, `${source}:${lineNo}:${rule}`);
  }
  const missing = samples.filter((s) => !covered.has(s.path));
  const uncovered = [...new Set(missing.map((s) => s.pattern))];
  const evidence = {
    source: repo.source,
    expected: patterns,
    observed: patterns.filter((x) => !uncovered.includes(x)),
    uncovered,
    examples: missing.slice(0, 20).map((s) => s.path),
  };
  if (uncovered.length === 0)
    return pass(`.gitignore covers all ${patterns.length} secret patterns`, evidence);
  return fail(
    `.gitignore does not cover ${uncovered.length} secret pattern(s): ${uncovered.join(', ')}`,
    evidence,
  );
}
