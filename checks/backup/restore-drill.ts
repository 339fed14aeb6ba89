/**
 * The restore drill: a backup is only as good as the last restore that worked. Restores the
 * newest snapshot into a fresh scratch directory on the machine that holds the backups,
 * checks the listed files came back, times it against the RTO, and always removes the
 * scratch directory. Active: it writes to the target's disk, so it runs only when enabled.
 */
import { basename } from 'node:path';
import { type Evidence, fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { type CommandTransport, sh, unique } from '../transport/command.ts';
import { BackupReadError, type BackupReader, exitMeaning, exitReport, stderrCause } from './reader.ts';

export interface DrillParams {
  /** Recovery time objective: the restore must finish within it. */
  rtoSeconds: number;
  /** Paths that must exist after the restore, relative to the restore root (as the backup stores them). */
  files: string[];
  /** Parent of the scratch directory (default: $TMPDIR or /tmp on the backup's machine). */
  scratchDir?: string;
}

const SCRATCH_PREFIX = 'readyspec-restore.';

/**
 * Restores the newest snapshot, verifies `files`, measures the duration against `rtoSeconds`.
 * @example await restoreDrill(transport, resticReader(deps), { rtoSeconds: 600, files: ['srv/db/dump.sql'] }, 10_000)
 */
export async function restoreDrill(
  t: CommandTransport,
  reader: BackupReader,
  p: DrillParams,
  timeoutMs: number,
): Promise<ProbeResult> {
  const expected = { rtoSeconds: p.rtoSeconds, files: p.files };
  let scratch: string | undefined;
  try {
    const newest = (await reader.list()).at(-1);
    if (!newest)
      return fail(`no backup in ${reader.source} to restore`, {
        observed: null,
        expected,
        source: reader.source,
      });
    scratch = await makeScratch(t, p.scratchDir);
    // Twice the RTO: long enough to measure how late a slow restore is, bounded so nothing hangs.
    const limitMs = Math.max(p.rtoSeconds * 2000, timeoutMs);
    const started = performance.now();
    const restored = await reader.restore(newest, scratch, limitMs).catch((err: unknown) => {
      if (performance.now() - started >= limitMs - 50) return null;
      throw err;
    });
    const evidence: Evidence = {
      expected,
      source: reader.source,
      snapshot: newest.id,
      snapshotTime: newest.time,
    };
    if (!restored) {
      return fail(
        `restore of ${newest.id} did not finish within ${limitMs / 1000} s (RTO ${p.rtoSeconds} s)`,
        {
          ...evidence,
          observed: { durationSeconds: null, files: [] },
        },
      );
    }
    const durationSeconds = Math.round(restored.durationMs) / 1000;
    // The tool never ran (not installed, not executable): we could not tell whether it restores.
    const never = exitMeaning(restored.exitCode);
    if (never) {
      const why = stderrCause(restored.stderr);
      return inconclusive(
        `restore of ${newest.id} from ${reader.source} could not run (exit ${restored.exitCode}: ${never}): ${why}`,
        { ...evidence, observed: null },
      );
    }
    if (restored.exitCode !== 0) {
      const why = stderrCause(restored.stderr);
      return fail(
        `restore of ${newest.id} from ${reader.source} failed (exit ${restored.exitCode}): ${why}`,
        {
          ...evidence,
          observed: { durationSeconds, files: [] },
        },
      );
    }
    const files = await verifyFiles(t, scratch, p.files);
    evidence.observed = { durationSeconds, files };
    const missing = files.filter((f) => f.bytes === null).map((f) => f.path);
    const problems = [
      ...(missing.length ? [`missing after restore: ${missing.join(', ')}`] : []),
      ...(restored.durationMs / 1000 > p.rtoSeconds
        ? [`took ${durationSeconds} s, RTO is ${p.rtoSeconds} s`]
        : []),
    ];
    if (problems.length)
      return fail(`restore drill of ${newest.id} from ${reader.source}: ${problems.join('; ')}`, evidence);
    return pass(
      `restored ${newest.id} from ${reader.source} in ${durationSeconds} s (RTO ${p.rtoSeconds} s), ${files.length} file(s) verified`,
      evidence,
    );
  } catch (err) {
    return fromError(err, { expected, source: reader.source });
  } finally {
    if (scratch) await t.run(unique(sh`rm -rf -- ${scratch}`)).catch(() => undefined);
  }
}

async function makeScratch(t: CommandTransport, parent: string | undefined): Promise<string> {
  // Unique: two drills on one host asking at the same moment must get two directories.
  const r = await t.run(
    unique(
      parent
        ? sh`mktemp -d ${`${parent}/${SCRATCH_PREFIX}XXXXXX`}`
        : sh`mktemp -d -t ${`${SCRATCH_PREFIX}XXXXXX`}`,
    ),
  );
  const dir = r.stdout.trim();
  // rm -rf runs on this path later: only ever on a directory mktemp just made with our prefix.
  if (r.exitCode !== 0 || !dir.startsWith('/') || !basename(dir).startsWith(SCRATCH_PREFIX)) {
    throw new BackupReadError(`${t.host}: cannot make a scratch directory: ${r.stderr.trim() || dir}`);
  }
  return dir;
}

async function verifyFiles(t: CommandTransport, dir: string, files: string[]) {
  const relative = files.map((f) => f.replace(/^\/+/, ''));
  // One line per file, in order (a size, or - when absent): a name with a tab or newline cannot
  // shift the answer onto another file. Unique: it reads this drill's scratch state only.
  const command = unique(
    sh`cd ${dir} && for f in ${relative}; do if [ -f "$f" ]; then wc -c < "$f"; else echo -; fi; done`,
  );
  const r = await t.run(command);
  const lines = r.stdout.split('\n').filter(Boolean);
  // A listing that did not run leaves every file unknown: an error, never "missing after restore".
  if (r.exitCode !== 0 || lines.length !== relative.length)
    throw new BackupReadError(`${t.host}: cannot verify the restored files: ${exitReport(command, r)}`);
  return relative.map((path, i) => {
    const size = lines[i].trim();
    return { path, bytes: size === '-' ? null : Number(size) };
  });
}
