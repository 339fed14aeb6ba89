import { fail, type ProbeResult, pass } from '../probe.ts';
import { type GitRepo, runGit } from './repo.ts';
import { DEFAULT_ALLOWED, DEFAULT_SECRET_PATTERNS, toPathspec } from './secret-patterns.ts';

export interface SecretFilesParams {
  /** gitignore-style patterns of secret files (default: .env, *.pem, *.key, id_rsa…). */
  patterns?: string[];
  /** Patterns that are fine to track even though they look like secrets (default: .env.example…). */
  allow?: string[];
}

const LISTED = 50;

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
 * Checks that no tracked file is named like a secret (keys, certificates' private halves, .env).
 * @example await noSecretFiles(repo, { patterns: ['*.pem', '.env'] })
 */
export async function noSecretFiles(repo: GitRepo, p: SecretFilesParams = {}): Promise<ProbeResult> {
  const patterns = p.patterns ?? [...DEFAULT_SECRET_PATTERNS];
  const allow = p.allow ?? [...DEFAULT_ALLOWED];
  const out = await runGit(repo, lsFilesArgs(p));
  if (!out.ok) return out.result;
  const files = out.stdout.split('\0').filter(Boolean);
  const evidence = {
    source: repo.source,
    expected: 'no tracked secret files',
    observed: files.length,
    patterns,
    allow,
  };
  if (files.length === 0) return pass(`no tracked file matches ${patterns.length} secret patterns`, evidence);
  const names = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
  return fail(`${files.length} tracked secret file(s): ${names} (git rm --cached, rotate the secret)`, {
    ...evidence,
    files: files.slice(0, LISTED),
    truncated: files.length > LISTED,
  });
}
