import {
  fail,
  type Json,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import { type ReadLimits, readCommitted } from './committed-files.ts';
import type { GitRepo } from './repo.ts';
import { type SecretHit, scanText } from './secretlint-scan.ts';

export interface SecretContentParams {
  /** Files larger than this are skipped (default 1 MiB). */
  maxFileBytes?: number;
  /** At most this many files are scanned (default 5000). */
  maxFiles?: number;
  /** At most this many bytes are read in total (default 64 MiB). */
  maxTotalBytes?: number;
  /**
   * A vendor's documented example key (AWS's AKIAIOSFODNN7EXAMPLE pair) is published and grants
   * nothing: by default (`note`) its file passes with the finding named; `fail` treats it as a leak.
   */
  exampleKeys?: 'note' | 'fail';
}

const LISTED = 50;
const SCANNER = 'secretlint 11.7.1 preset-recommend + readyspec-credential-assignment';

/**
 * Scans committed files (HEAD) with secretlint's recommended rules and readyspec's credential
 * rule (generic `PASSWORD=`/`TOKEN:`/`"api_key":` assignments, documented example keys): one
 * subject per file with a finding, naming line, rule, key and a fingerprint, never the value.
 * A clean tree is one pass. Large, binary and over-budget files are skipped and counted.
 * @example await noSecretContent(repo, { maxFileBytes: 1_048_576 })
 */
export async function noSecretContent(
  repo: GitRepo,
  p: SecretContentParams = {},
  timeoutMs?: number,
): Promise<ProbeResult> {
  const limits: ReadLimits = {
    maxFileBytes: p.maxFileBytes ?? 1024 * 1024,
    maxFiles: p.maxFiles ?? 5000,
    maxTotalBytes: p.maxTotalBytes ?? 64 * 1024 * 1024,
  };
  const byFile = new Map<string, SecretHit[]>();
  const read = await readCommitted(repo, limits, timeoutMs, async (path, text) => {
    const hits = await scanText(path, text);
    if (hits.length) byFile.set(path, hits);
  });
  if ('outcome' in read) return read;
  if (read.empty)
    return pass('no commit yet: nothing committed to scan', { source: repo.source, observed: 0 });
  const skipped = {
    binary: read.binary,
    tooLarge: read.tooLarge.length,
    overBudget: read.overBudget,
    tooLargeFiles: read.tooLarge.slice(0, 10),
  };
  const skippedNote =
    read.tooLarge.length + read.overBudget
      ? `; skipped ${read.tooLarge.length} over ${limits.maxFileBytes} bytes and ${read.overBudget} over the scan budget`
      : '';
  const evidence = {
    source: repo.source,
    scanner: SCANNER,
    expected: 0,
    observed: [...byFile.values()].reduce((n, h) => n + h.length, 0),
    scannedFiles: read.textFiles,
    scannedBytes: read.bytes,
    skipped,
    limits: { ...limits },
  };
  if (byFile.size === 0)
    return pass(`no secret found in ${read.textFiles} committed file(s)${skippedNote}`, evidence);
  const subjects = [...byFile].map(([file, hits]) =>
    judgeFile(repo.source, file, hits, p.exampleKeys ?? 'note'),
  );
  const summary = perSubject(repo.source, 'files with findings', subjects, evidence);
  return { ...summary, message: `${summary.message}${skippedNote}` };
}

function judgeFile(
  source: string,
  file: string,
  hits: SecretHit[],
  exampleKeys: 'note' | 'fail',
): SubjectResult {
  const findings = hits.slice(0, LISTED).map((h) => ({ ...h }) as Record<string, Json>);
  const evidence = {
    source,
    file,
    expected: 'no secret',
    observed: hits.length,
    findings,
    truncated: hits.length > LISTED,
  };
  const real = hits.filter((h) => !h.documentedExample);
  const examples = hits.filter((h) => h.documentedExample);
  const where = (list: SecretHit[]) =>
    list
      .slice(0, 3)
      .map((h) => `line ${h.line} ${h.key ?? h.documentedExample ?? h.kind} (${h.rule})`)
      .join(', ') + (list.length > 3 ? ', …' : '');
  const exampleNote = examples.length
    ? `documented example key(s), published and not live credentials: ${where(examples)}`
    : '';
  if (real.length)
    return subject(
      file,
      fail(
        `${file}: ${real.length} secret(s): ${where(real)} (rotate, then purge history)${exampleNote ? `; also ${exampleNote}` : ''}`,
        evidence,
      ),
    );
  if (exampleKeys === 'fail')
    return subject(file, fail(`${file}: ${exampleNote}; the policy counts them as leaks`, evidence));
  return subject(file, pass(`${file}: only ${exampleNote}`, evidence));
}
