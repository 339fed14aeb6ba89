/**
 * Creates the reports folder one level at a time before anything is written. Node's
 * `mkdir(…, { recursive: true })` spins forever under a pseudo file system such as /proc
 * (READYSPEC_REPORTS=/proc/x hung the run at 100% CPU); one level at a time fails at once with
 * the errno of the level that cannot be made, which the reporter turns into one line and exit 3.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** @example ensureReportsDir('reports') // creates ./reports if missing; throws ENOTDIR, EACCES… */
export function ensureReportsDir(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory())
        throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR', path: at });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw err;
      missing.push(at);
      at = dirname(at);
    }
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
