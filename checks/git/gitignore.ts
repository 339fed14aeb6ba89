import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
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
 * Checks that the repository's own .gitignore files ignore secret file names: one subject per
 * pattern, judged on concrete sample names (at the root and in a subdirectory for a pattern
 * without a slash). Git decides (`check-ignore --no-index`), with the operator's personal
 * excludes file switched off and `.git/info/exclude` not counted: neither protects the next clone.
 * @example await gitignoreCoversSecrets(repo, { patterns: ['.env', '*.pem'] })
 */
export async function gitignoreCoversSecrets(repo: GitRepo, p: GitignoreParams = {}): Promise<ProbeResult> {
  const patterns = [...new Set(p.patterns ?? DEFAULT_SECRET_PATTERNS)];
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
  const subjects = patterns.map((pattern) => {
    const mine = samples.filter((s) => s.pattern === pattern);
    const bySample = Object.fromEntries(mine.map((s) => [s.path, covered.get(s.path) ?? null]));
    const missing = mine.filter((s) => !covered.has(s.path)).map((s) => s.path);
    const evidence = { source: repo.source, expected: 'ignored', observed: bySample, pattern };
    if (missing.length === 0)
      return subject(
        pattern,
        pass(`${pattern} ignored by ${[...new Set(Object.values(bySample))].join(', ')}`, evidence),
      );
    return subject(
      pattern,
      fail(`${pattern} not ignored: ${missing.join(', ')} could be committed`, evidence),
    );
  });
  return perSubject(repo.source, 'secret file patterns', subjects, {
    source: repo.source,
    expected: patterns,
  });
}
