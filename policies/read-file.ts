/**
 * Reads a file the policy names (a policy YAML file, a secret file) without trusting what it
 * is: only a regular file is read, and only up to a size limit. A FIFO would block the run for
 * ever, /dev/zero would fill memory, a directory or a device is a mistake: each is a clear
 * refusal naming what the path is. Opened non-blocking, so even opening a FIFO cannot wait.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** A policy file larger than this is not a policy (a 50,000-endpoint inventory is ~3 MB). */
export const MAX_POLICY_FILE_BYTES = 8 * 1024 * 1024;

export type FileRead = { ok: true; text: string } | { ok: false; message: string };

/**
 * The text of a regular file of at most `maxBytes` bytes, or why it was not read.
 * @example readRegularFile('/dev/zero') // { ok: false, message: 'is a character device, not a regular file' }
 */
export function readRegularFile(path: string, maxBytes = MAX_POLICY_FILE_BYTES): FileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, message: `cannot read: ${describeFsError(err)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, message: `is ${kind(stats)}, not a regular file` };
    if (stats.size > maxBytes) return { ok: false, message: tooLarge(`${stats.size} bytes`, maxBytes) };
    // Read at most one byte past the limit: a file that grows while read is still bounded.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes)
          return { ok: false, message: tooLarge(`more than ${maxBytes} bytes`, maxBytes) };
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2 + 4096));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (err) {
    return { ok: false, message: `cannot read: ${describeFsError(err)}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: string, maxBytes: number): string {
  return `is ${size}; a policy file may be at most ${maxBytes} bytes (${maxBytes / 1024 / 1024} MiB)`;
}

function kind(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a file';
}

/** "no such file" rather than Node's "ENOENT: no such file or directory, open '/x'" (the path is named already). */
function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e.code ? `${e.code} ${e.syscall ?? ''}`.trim() : String(e.message ?? err);
  }
}
