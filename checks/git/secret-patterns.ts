/**
 * File names that hold secrets, in gitignore syntax, and the look-alikes that are fine to
 * commit. Matching is left to git itself (pathspecs, check-ignore), so `*.pem` means here
 * exactly what it means in a .gitignore.
 */

export const DEFAULT_SECRET_PATTERNS: readonly string[] = [
  '.env',
  '.env.*',
  '*.pem',
  '*.key',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  'credentials.json',
  '.htpasswd',
  '.netrc',
  '.pgpass',
  '*.tfstate',
];

/** Templates that document variables without values. */
export const DEFAULT_ALLOWED: readonly string[] = [
  '.env.example',
  '.env.sample',
  '.env.template',
  '.env.dist',
  '.env.defaults',
];

/**
 * A gitignore-style pattern as a git pathspec: no slash → any directory (like .gitignore),
 * a slash → relative to the repository root. Case-insensitive: `KEY.PEM` is still a key.
 * @example toPathspec('*.pem') // → ':(glob,icase)**\/*.pem'
 */
export function toPathspec(pattern: string, exclude = false): string {
  const magic = exclude ? 'exclude,glob,icase' : 'glob,icase';
  const trimmed = pattern.replace(/^\//, '');
  return pattern.includes('/') ? `:(${magic})${trimmed}` : `:(${magic})**/${trimmed}`;
}

/**
 * Concrete file names a pattern should match, at the root and (for patterns without a slash)
 * in a subdirectory, e.g. `*.pem` → `sample.pem`, `config/sample.pem`.
 * @example samplePaths('.env.*') // → ['.env.sample-secret', 'config/.env.sample-secret']
 */
export function samplePaths(pattern: string): string[] {
  const name = pattern
    .replace(/^\//, '')
    .replaceAll('**/', '')
    .replace(/\[([^\]]+)\]/g, (_, set: string) => set.replace(/^[!^]/, '').charAt(0) || 'x')
    .replaceAll('*', 'sample-secret')
    .replaceAll('?', 'x');
  return pattern.includes('/') ? [name] : [name, `config/${name}`];
}
