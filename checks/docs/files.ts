/**
 * Which Markdown files a document target means: the file itself, or the files under a
 * directory that match a glob (a runbook folder, a DR playbook folder).
 */
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { describeError, type Evidence, fail, fromError, type ProbeResult } from '../probe.ts';

/** Walks stop here: a documentation folder this large is a mistake in the policy. */
const MAX_FILES = 20_000;

/**
 * The glob as a matcher over `/`-separated relative paths, by picomatch (`**`, `*`, `?`,
 * `{a,b}`, character classes, `!` negation, escapes), not a hand-made RegExp.
 * @example globMatcher('dr/**\/*.md')('dr/db/restore.md') // true
 */
export function globMatcher(glob: string): (path: string) => boolean {
  // picomatch reads `[!a-c]` as a class containing "!"; the shell's (and gitignore's) negated
  // class is `[^a-c]` to it.
  return picomatch(glob.replace(/(^|[^\\])\[!/g, '$1[^'), { dot: false });
}

/**
 * Files under `dir` whose relative path matches `glob`, sorted. Hidden entries and
 * node_modules are not walked.
 * @example await globFiles('/srv/docs', 'runbooks/*.md')
 */
export async function globFiles(dir: string, glob: string): Promise<string[]> {
  const matches = globMatcher(glob);
  const found: string[] = [];
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (found.length >= MAX_FILES) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (matches(relative(dir, full).split(sep).join('/'))) found.push(full);
    }
  };
  await walk(dir);
  return found.sort();
}

/** The file itself, or the Markdown files under a directory (default glob `**\/*.md`). */
export async function documentFiles(path: string, glob = '**/*.md'): Promise<string[]> {
  return (await stat(path)).isDirectory() ? globFiles(path, glob) : [path];
}

/** A document larger than this is not Markdown someone maintains: refused, never loaded whole. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Reading a document failed for a reason of its own (too large), not the file system's. */
export class DocumentReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentReadError';
  }
}

/**
 * A document's text, at most MAX_DOCUMENT_BYTES: rejects with the file system's error (ENOENT,
 * EISDIR, EACCES, ELOOP…) or a DocumentReadError for a file too large to be a document.
 * @example const text = await readDocument('/srv/docs/OPS.md')
 */
export async function readDocument(file: string): Promise<string> {
  // Non-blocking: a FIFO planted where a document should be must not hang the run on open.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'EISDIR' });
    if (info.size > MAX_DOCUMENT_BYTES)
      throw new DocumentReadError(
        `${file} is ${info.size} bytes, more than a document (${MAX_DOCUMENT_BYTES})`,
      );
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The path is not there (ENOENT, or a parent that is a file), as opposed to unreadable. */
export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A document that could not be read. Not there at all is positive evidence (the documentation
 * the policy names is missing: `fail`); anything else (permission, a directory where a file was
 * expected, I/O) is `error` naming the cause: the document may be fine, we could not tell.
 * @example catch (err) { return documentProblem(err, file, { source: file }) }
 */
export function documentProblem(err: unknown, path: string, evidence: Evidence): ProbeResult {
  if (isMissing(err)) {
    return fail(`${path} does not exist`, { ...evidence, observed: null, error: describeError(err) });
  }
  return fromError(err, evidence);
}
