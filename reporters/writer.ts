/**
 * The one place the reporter writes files. Atomic: write a temp file in the same directory,
 * then rename over the target, so an auditor never opens a half-written document.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path` atomically, creating missing directories. Chunks (an iterable of
 * strings) are written one after the other, so a large file is never one string in memory.
 */
export async function writeAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new Error(`readyspec: cannot write report ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes every file of a batch; paths are returned in the order given. */
export async function writeAll(files: { path: string; content: string }[]): Promise<string[]> {
  for (const f of files) await writeAtomic(f.path, f.content);
  return files.map((f) => f.path);
}
