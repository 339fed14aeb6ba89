import picomatch from 'picomatch';
import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import { type GitRepo, runGit } from './repo.ts';
import { DEFAULT_ALLOWED, DEFAULT_SECRET_PATTERNS, toPathspec } from './secret-patterns.ts';

export interface SecretFilesParams {
  /** gitignore-style patterns of secret files (default: .env, *.pem, *.key, id_rsa…). */
  patterns?: string[];
  /** Patterns that are fine to track even though they look like secrets (default: .env.example…). */
  allow?: string[];
}

/** `git ls-files` arguments: tracked files matching the secret patterns, minus the allowed ones. */
export function lsFilesArgs(p: SecretFilesParams = {}): string[] {
  const patterns = p.patterns ?? [...DEFAULT_SECRET_PATTERNS];
  const allow = p.allow ?? [...DEFAULT_ALLOWED];
  return [
    'ls-files',
    '-z',
    '--',
    ...patterns.map((x) => toPathspec(x)),
    ...allow.map((x) => toPathspec(x, true)),
  ];
}

/**
 * Checks that no tracked file is named like a secret (keys, certificates' private halves, .env):
 * each tracked secret file is a failing subject (its path); a clean index is one pass. Git
 * decides what matches (pathspecs); the pattern named in the evidence is found with picomatch.
 * @example await noSecretFiles(repo, { patterns: ['*.pem', '.env'] })
 */
export async function noSecretFiles(repo: GitRepo, p: SecretFilesParams = {}): Promise<ProbeResult> {
  const patterns = p.patterns ?? [...DEFAULT_SECRET_PATTERNS];
  const allow = p.allow ?? [...DEFAULT_ALLOWED];
  const out = await runGit(repo, lsFilesArgs(p));
  if (!out.ok) return out.result;
  const files = out.stdout.split('\0').filter(Boolean);
  const evidence = { source: repo.source, expected: 'no tracked secret files', patterns, allow };
  if (files.length === 0)
    return pass(`no tracked file matches ${patterns.length} secret patterns`, { ...evidence, observed: 0 });
  const matchers = patterns.map((pattern) => ({ pattern, test: gitignoreMatcher(pattern) }));
  const subjects = files.map((file) => {
    const pattern = matchers.find((m) => m.test(file))?.pattern ?? null;
    return subject(
      file,
      fail(
        `${file} is tracked${pattern ? ` (matches ${pattern})` : ''}: git rm --cached it, rotate the secret`,
        {
          source: repo.source,
          file,
          expected: 'not tracked',
          observed: 'tracked',
          pattern,
        },
      ),
    );
  });
  return perSubject(repo.source, 'tracked secret files', subjects, { ...evidence, observed: files.length });
}

/** A gitignore-style pattern as a path test: without a slash it matches the name at any depth. */
function gitignoreMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.includes('/');
  return picomatch(pattern.replace(/^\//, ''), { dot: true, nocase: true, basename: !anchored });
}
