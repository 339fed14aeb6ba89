/**
 * Reads HEAD's committed files within limits (size per file, file count, total bytes), chunk by
 * chunk through `git cat-file --batch`, and hands each text file to a visitor. Binary files
 * (git's own test: a NUL in the first 8000 bytes), oversized and over-budget ones are counted,
 * never read silently as if they had been scanned.
 */
import { describeError, inconclusive, type ProbeResult } from '../probe.ts';
import { OIDS_PER_COMMAND, parseLsTree, readBlobs, type TreeEntry } from './blobs.ts';
import { type GitRepo, gitCommand, gitFailure, runGit } from './repo.ts';

export interface ReadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

export interface ReadSummary {
  /** No commit yet: nothing was read. */
  empty: boolean;
  textFiles: number;
  bytes: number;
  binary: number;
  tooLarge: string[];
  overBudget: number;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const LS_TREE = ['ls-tree', '-r', '-z', '-l', 'HEAD'];

/**
 * Visits every committed text file within the limits; an unreadable tree or blob is an `error` result.
 * @example const r = await readCommitted(repo, limits, 10_000, async (path, text) => { … })
 */
export async function readCommitted(
  repo: GitRepo,
  limits: ReadLimits,
  timeoutMs: number | undefined,
  visit: (path: string, text: string) => Promise<void>,
): Promise<ReadSummary | ProbeResult> {
  const tree = await runGit(repo, LS_TREE, { okCodes: [0, 128] });
  if (!tree.ok) return tree.result;
  const summary: ReadSummary = {
    empty: false,
    textFiles: 0,
    bytes: 0,
    binary: 0,
    tooLarge: [],
    overBudget: 0,
  };
  if (tree.exitCode === 128) {
    // 128 is both "no commit yet" (nothing to scan) and every fatal error (not a repository, ownership…).
    if (/not a valid object name/i.test(tree.stderr)) return { ...summary, empty: true };
    return gitFailure(repo, gitCommand(repo.path, LS_TREE), tree);
  }
  const selected = select(parseLsTree(tree.stdout), limits, summary);
  try {
    for (const chunk of chunks(selected)) {
      const { objects, stderr } = await readBlobs(
        repo,
        chunk.map((e) => e.oid),
        timeoutMs,
      );
      const unread = chunk.filter((e) => !objects.has(e.oid));
      if (unread.length)
        return inconclusive(
          `${repo.source}: could not read ${unread.length} committed file(s) (${stderr.trim() || 'git cat-file gave no output'})`,
          { source: repo.source, unread: unread.slice(0, 10).map((e) => e.path) },
        );
      for (const entry of chunk) {
        const content = objects.get(entry.oid) as Buffer;
        summary.bytes += content.length;
        if (content.subarray(0, 8000).includes(0)) {
          summary.binary++;
          continue;
        }
        summary.textFiles++;
        await visit(entry.path, content.toString('utf8'));
      }
    }
  } catch (err) {
    return inconclusive(`${repo.source}: ${describeError(err)}`, { source: repo.source });
  }
  return summary;
}

function select(entries: TreeEntry[], limits: ReadLimits, summary: ReadSummary): TreeEntry[] {
  const selected: TreeEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxFileBytes) summary.tooLarge.push(entry.path);
    else if (selected.length >= limits.maxFiles || total + entry.size > limits.maxTotalBytes)
      summary.overBudget++;
    else {
      selected.push(entry);
      total += entry.size;
    }
  }
  return selected;
}

function* chunks(entries: TreeEntry[]): Generator<TreeEntry[]> {
  let chunk: TreeEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (chunk.length && (size + entry.size > CHUNK_BYTES || chunk.length >= OIDS_PER_COMMAND)) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(entry);
    size += entry.size;
  }
  if (chunk.length) yield chunk;
}
