import { describeError, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { OIDS_PER_COMMAND, parseLsTree, readBlobs, type TreeEntry } from './blobs.ts';
import { type GitRepo, runGit } from './repo.ts';
import { scanText } from './secretlint-scan.ts';

export interface SecretContentParams {
  /** Files larger than this are skipped (default 1 MiB). */
  maxFileBytes?: number;
  /** At most this many files are scanned (default 5000). */
  maxFiles?: number;
  /** At most this many bytes are read in total (default 64 MiB). */
  maxTotalBytes?: number;
}

export interface Finding {
  file: string;
  line: number;
  /** secretlint rule, e.g. `aws`, `privatekey`. */
  rule: string;
  /** What the rule found, e.g. `AWSSecretAccessKey`; never the value itself. */
  kind: string;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const LISTED = 50;

/**
 * Scans committed files (HEAD) with secretlint's recommended rules. Findings name the file,
 * line and rule; the secret itself never leaves this function. Large, binary and over-budget
 * files are skipped and counted.
 * @example await noSecretContent(repo, { maxFileBytes: 1_048_576 })
 */
export async function noSecretContent(
  repo: GitRepo,
  p: SecretContentParams = {},
  timeoutMs?: number,
): Promise<ProbeResult> {
  const limits = {
    maxFileBytes: p.maxFileBytes ?? 1024 * 1024,
    maxFiles: p.maxFiles ?? 5000,
    maxTotalBytes: p.maxTotalBytes ?? 64 * 1024 * 1024,
  };
  const tree = await runGit(repo, ['ls-tree', '-r', '-z', '-l', 'HEAD'], { okCodes: [0, 128] });
  if (!tree.ok) return tree.result;
  if (tree.exitCode === 128) {
    if (/not a valid object name/i.test(tree.stderr))
      return pass('no commit yet: nothing committed to scan', { source: repo.source, observed: 0 });
    return inconclusive(`${repo.source}: git ls-tree failed: ${tree.stderr.trim()}`, { source: repo.source });
  }
  const { selected, tooLarge, overBudget } = selectFiles(parseLsTree(tree.stdout), limits);
  const findings: Finding[] = [];
  let binary = 0;
  let bytes = 0;
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
        bytes += content.length;
        // git's own test for binary: a NUL byte in the first 8000.
        if (content.subarray(0, 8000).includes(0)) {
          binary++;
          continue;
        }
        findings.push(...(await scan(entry.path, content.toString('utf8'))));
      }
    }
  } catch (err) {
    return inconclusive(`${repo.source}: ${describeError(err)}`, { source: repo.source });
  }
  const scanned = selected.length - binary;
  const skipped = {
    binary,
    tooLarge: tooLarge.length,
    overBudget: overBudget.length,
    tooLargeFiles: tooLarge.slice(0, 10).map((e) => e.path),
  };
  const skippedNote =
    tooLarge.length + overBudget.length
      ? `; skipped ${tooLarge.length} over ${limits.maxFileBytes} bytes and ${overBudget.length} over the scan budget`
      : '';
  const evidence = {
    source: repo.source,
    scanner: 'secretlint preset-recommend 11.7.1',
    expected: 0,
    observed: findings.length,
    scannedFiles: scanned,
    scannedBytes: bytes,
    skipped,
    limits,
  };
  if (findings.length === 0)
    return pass(`no secret found in ${scanned} committed file(s)${skippedNote}`, evidence);
  const files = new Set(findings.map((f) => f.file));
  const first = findings
    .slice(0, 3)
    .map((f) => `${f.file}:${f.line} (${f.rule})`)
    .join(', ');
  return fail(
    `${findings.length} secret(s) in ${files.size} committed file(s): ${first}${findings.length > 3 ? ', …' : ''} (rotate them, then purge history)${skippedNote}`,
    {
      ...evidence,
      findings: findings.slice(0, LISTED).map((f) => ({ ...f })),
      truncated: findings.length > LISTED,
    },
  );
}

function selectFiles(entries: TreeEntry[], limits: Required<SecretContentParams>) {
  const selected: TreeEntry[] = [];
  const tooLarge: TreeEntry[] = [];
  const overBudget: TreeEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxFileBytes) tooLarge.push(entry);
    else if (selected.length >= limits.maxFiles || total + entry.size > limits.maxTotalBytes)
      overBudget.push(entry);
    else {
      selected.push(entry);
      total += entry.size;
    }
  }
  return { selected, tooLarge, overBudget };
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

async function scan(path: string, content: string): Promise<Finding[]> {
  return (await scanText(path, content)).map((hit) => ({ file: path, ...hit }));
}
