/** Retention: enough restore points to go back far enough, and pruning that actually runs. */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { BackupReader } from './reader.ts';

export interface RetentionParams {
  min: number;
  /** More than this means pruning stopped (disk fills, costs grow). */
  max?: number;
}

/**
 * The number of snapshots lies within [min, max].
 * @example await backupRetention(borgReader(deps), { min: 7, max: 40 })
 */
export async function backupRetention(reader: BackupReader, p: RetentionParams): Promise<ProbeResult> {
  const expected: Record<string, number> = p.max === undefined ? { min: p.min } : { min: p.min, max: p.max };
  try {
    const snapshots = await reader.list();
    const count = snapshots.length;
    const evidence = {
      observed: count,
      expected,
      source: reader.source,
      oldest: snapshots[0]?.time ?? null,
      newest: snapshots.at(-1)?.time ?? null,
    };
    if (count < p.min)
      return fail(`${count} backup(s) in ${reader.source}, want at least ${p.min}`, evidence);
    if (p.max !== undefined && count > p.max) {
      return fail(`${count} backups in ${reader.source}, more than ${p.max}: is pruning running?`, evidence);
    }
    return pass(`${count} backups in ${reader.source}`, evidence);
  } catch (err) {
    return fromError(err, { expected, source: reader.source });
  }
}
