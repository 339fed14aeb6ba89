/** Newest backup age: the one figure that says whether backups are still being taken. */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { BackupReader } from './reader.ts';

export interface AgeParams {
  maxAgeHours: number;
}

const HOUR_MS = 3_600_000;

/**
 * The newest snapshot is at most `maxAgeHours` old at `now`.
 * @example await backupAge(resticReader(deps), { maxAgeHours: 26 }, new Date())
 */
export async function backupAge(reader: BackupReader, p: AgeParams, now: Date): Promise<ProbeResult> {
  const expected = { maxAgeHours: p.maxAgeHours };
  try {
    const snapshots = await reader.list();
    const newest = snapshots.at(-1);
    if (!newest)
      return fail(`no backup in ${reader.source}`, {
        observed: null,
        expected,
        source: reader.source,
        count: 0,
      });
    const ageHours = Math.round(((now.getTime() - Date.parse(newest.time)) / HOUR_MS) * 10) / 10;
    const evidence = {
      observed: { newest: newest.time, ageHours },
      expected,
      source: reader.source,
      snapshot: newest.id,
      count: snapshots.length,
    };
    if (ageHours > p.maxAgeHours) {
      return fail(
        `newest backup in ${reader.source} is ${ageHours} h old (${newest.time}), max ${p.maxAgeHours} h`,
        evidence,
      );
    }
    return pass(`newest backup in ${reader.source} is ${ageHours} h old`, evidence);
  } catch (err) {
    return fromError(err, { expected, source: reader.source });
  }
}
