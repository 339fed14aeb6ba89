import { fail, type ProbeResult, pass } from '../probe.ts';
import { type GitRepo, runGit } from './repo.ts';
import { DEFAULT_SECRET_PATTERNS, samplePaths } from './secret-patterns.ts';

export interface GitignoreParams {
  /** Secret-file patterns the repository's .gitignore files must cover (default: the secret-files list). */
  patterns?: string[];
}

/**
 * Checks that the repository's own .gitignore files ignore secret file names. Git decides
 * (`check-ignore --no-index` on sample names), with the operator's personal excludes file
 * switched off and `.git/info/exclude` not counted: neither protects the next clone.
 * @example await gitignoreCoversSecrets(repo, { patterns: ['.env', '*.pem'] })
 */
export async function gitignoreCoversSecrets(repo: GitRepo, p: GitignoreParams = {}): Promise<ProbeResult> {
  const patterns = p.patterns ?? [...DEFAULT_SECRET_PATTERNS];
  const samples = patterns.flatMap((pattern) => samplePaths(pattern).map((path) => ({ pattern, path })));
  // -z needs --stdin: the sample names go in on stdin, NUL-separated, answers come back the same way.
  const args = [
    '-c',
    'core.excludesFile=/dev/null',
    'check-ignore',
    '--no-index',
    '--stdin',
    '-v',
    '-n',
    '-z',
  ];
  const out = await runGit(repo, args, {
    okCodes: [0, 1],
    stdin: samples.map((s) => `${s.path}\0`).join(''),
  });
  if (!out.ok) return out.result;
  // -z -v -n: four NUL-terminated fields per path: source, line, pattern, path.
  const fields = out.stdout.split('\0');
  const covered = new Map<string, string>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, rule, path] = fields.slice(i, i + 4);
    if (source.endsWith('.gitignore') && rule && !rule.startsWith('!'))
      covered.set(path, `${source}:${line}:${rule}`);
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
