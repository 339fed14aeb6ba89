/**
 * Reads committed files (HEAD's tree) through one `git cat-file --batch` per chunk. The output goes through `base64` because transports hand back text: raw blob
 * bytes would not survive UTF-8 decoding, and the batch format frames objects by byte size.
 */
import { type Command, sh } from '../transport/command.ts';
import type { GitRepo } from './repo.ts';

export interface TreeEntry {
  mode: string;
  oid: string;
  size: number;
  path: string;
}

/** `git ls-tree -r -z -l HEAD` records: `<mode> <type> <oid> <size>\t<path>`; only regular files. */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    // Symlinks (120000) and submodules (160000) carry no file content of their own.
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue;
    entries.push({ mode, oid, size: Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** Splits `git cat-file --batch` output into object contents by id. */
export function parseBatch(data: Buffer): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid, type, size] = data.subarray(at, eol).toString('latin1').split(' ');
    at = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    objects.set(oid, data.subarray(at, at + length));
    at += length + 1;
  }
  return objects;
}

/** The command that prints blobs, base64-encoded `git cat-file --batch` output. */
export function blobCommand(path: string, oids: readonly string[]): Command {
  return sh`printf '%s\\n' ${oids} | LC_ALL=C git --no-optional-locks -C ${path} cat-file --batch | base64`;
}

/** Object ids per command: the whole script is one `sh -c` argument, which Linux caps at 128 KiB. */
export const OIDS_PER_COMMAND = 1000;

/**
 * Reads blobs by id (at most OIDS_PER_COMMAND). The ids go in as quoted `printf` arguments, not
 * on stdin: the SSH transport batches commands with stdin closed. Rejects (TransportError) when
 * the host cannot be reached; missing ids are simply absent from the map.
 * @example const { objects } = await readBlobs(repo, ['e69de29b…'], 10_000)
 */
export async function readBlobs(
  repo: GitRepo,
  oids: readonly string[],
  timeoutMs?: number,
): Promise<{ objects: Map<string, Buffer>; stderr: string }> {
  const r = await repo.transport.run(blobCommand(repo.path, oids), { timeoutMs });
  return { objects: parseBatch(Buffer.from(r.stdout, 'base64')), stderr: r.stderr };
}
