/**
 * Freshness of a build kept between runs: a file's stamp is its size and mtime, and a build is
 * still good while every input it read has the stamp it had then. Shared by the prebuilt audit
 * modules (specs/support/prebuilt.ts) and the latency worker's bundle (http-sampler-bundle.ts).
 */
import { statSync } from 'node:fs';

/** "size:mtimeMs" of `file`, or undefined when it cannot be read. */
export function fileStamp(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * True when every recorded input still has its recorded stamp; `path` maps a recorded key to
 * the file (keys may be relative to a root).
 * @example inputsUnchanged({ 'a.ts': '120:1733140000000' }, (k) => join(root, k))
 */
export function inputsUnchanged(
  inputs: Record<string, string>,
  path: (key: string) => string = (k) => k,
): boolean {
  for (const [input, expected] of Object.entries(inputs))
    if (fileStamp(path(input)) !== expected) return false;
  return true;
}
