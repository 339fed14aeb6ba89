/**
 * Size sanity: an empty backup, or one much smaller than the previous, is the classic sign of a
 * job that "succeeds" while backing up nothing (wrong path, unmounted volume, failed dump).
 */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { BackupReader, Snapshot } from './reader.ts';

export interface SizeParams {
  /** Smallest acceptable newest backup (default 1: never empty). */
  minBytes?: number;
  /** Largest acceptable drop from the previous snapshot, in percent. */
  maxShrinkPercent: number;
}

/**
 * The newest snapshot is at least `minBytes` and shrank by at most `maxShrinkPercent` since the one before
 * it in its series (a dump is never compared with a files archive kept beside it).
 * @example await backupSize(resticReader(deps), { maxShrinkPercent: 20 })
 */
export async function backupSize(reader: BackupReader, p: SizeParams): Promise<ProbeResult> {
  const minBytes = p.minBytes ?? 1;
  const expected = { minBytes, maxShrinkPercent: p.maxShrinkPercent };
  try {
    const snapshots = await reader.list();
    const newest = snapshots.at(-1);
    const previous = newest && previousInSeries(snapshots, newest);
    if (!newest)
      return fail(`no backup in ${reader.source}`, { observed: null, expected, source: reader.source });
    const bytes = await reader.size(newest);
    const previousBytes = previous ? await reader.size(previous) : null;
    const shrinkPercent =
      previousBytes && previousBytes > 0
        ? Math.round(((previousBytes - bytes) / previousBytes) * 1000) / 10
        : null;
    const evidence = {
      observed: { bytes, previousBytes, shrinkPercent },
      expected,
      source: reader.source,
      snapshot: newest.id,
      previous: previous?.id ?? null,
      ...(newest.series !== undefined ? { series: newest.series } : {}),
    };
    if (bytes < minBytes)
      return fail(`newest backup ${newest.id} holds ${bytes} bytes, want at least ${minBytes}`, evidence);
    if (shrinkPercent !== null && shrinkPercent > p.maxShrinkPercent) {
      return fail(
        `newest backup ${newest.id} is ${shrinkPercent}% smaller than the previous (${previousBytes} → ${bytes} bytes), max ${p.maxShrinkPercent}%`,
        evidence,
      );
    }
    const change =
      shrinkPercent === null
        ? `no previous backup ${newest.series !== undefined ? 'of its series ' : ''}to compare`
        : `${-shrinkPercent}% since the previous`;
    return pass(`newest backup ${newest.id} holds ${bytes} bytes, ${change}`, evidence);
  } catch (err) {
    return fromError(err, { expected, source: reader.source });
  }
}

/** The latest snapshot before `newest` (oldest-first list) of the same series, when series are known. */
function previousInSeries(snapshots: Snapshot[], newest: Snapshot): Snapshot | undefined {
  for (let i = snapshots.length - 2; i >= 0; i--)
    if (snapshots[i].series === newest.series) return snapshots[i];
  return undefined;
}
