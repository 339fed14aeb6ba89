/** A path a source names: `~/` is the home directory, a relative path is the policy's directory. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export function resolveSourcePath(baseDir: string, p: string): string {
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return isAbsolute(p) ? p : resolve(baseDir, p);
}
