/**
 * The fleet's control-plane verdicts, one subject each: a shard is healthy; a tenant's last
 * backup is recent; its last restore validation succeeded recently. Pure over the items read.
 */
import { fail, inconclusive, pass, type SubjectResult, subject } from '../probe.ts';

/** @example judgeShard({ id: 'shard-001', health: 'healthy' }) */
export function judgeShard(item: Record<string, unknown>): SubjectResult {
  const id = String(item.id ?? '?');
  const evidence = {
    observed: { health: item.health as string, detail: (item.detail as string) ?? null },
    expected: 'healthy',
  };
  if (typeof item.health !== 'string')
    return subject(id, inconclusive(`${id}: no health reported`, evidence));
  if (item.health === 'healthy') return subject(id, pass(`${id}: healthy`, evidence));
  return subject(id, fail(`${id}: ${item.health}${item.detail ? ` (${item.detail})` : ''}`, evidence));
}

const hours = (from: string, now: Date) => (now.getTime() - Date.parse(from)) / 3_600_000;

/** @example judgeBackup({ tenant: 't1', lastBackupAt: '2026-11-23T10:00:00Z' }, 26, now) */
export function judgeBackup(item: Record<string, unknown>, maxAgeHours: number, now: Date): SubjectResult {
  const id = String(item.tenant ?? '?');
  const at = item.lastBackupAt;
  const evidence = { observed: { lastBackupAt: (at as string) ?? null }, expected: { maxAgeHours } };
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    return subject(id, inconclusive(`${id}: no readable last backup time`, evidence));
  const age = hours(at, now);
  const shown = `${age.toFixed(1)} h`;
  return subject(
    id,
    age <= maxAgeHours
      ? pass(`${id}: last backup ${shown} ago`, evidence)
      : fail(`${id}: last backup ${shown} ago, over ${maxAgeHours} h`, evidence),
  );
}

/** @example judgeRestore({ tenant: 't1', lastRestore: { at, ok: true } }, 30, now) */
export function judgeRestore(item: Record<string, unknown>, maxAgeDays: number, now: Date): SubjectResult {
  const id = String(item.tenant ?? '?');
  const r = item.lastRestore as { at?: unknown; ok?: unknown } | undefined;
  const evidence = {
    observed: { at: (r?.at as string) ?? null, ok: (r?.ok as boolean) ?? null },
    expected: { ok: true, maxAgeDays },
  };
  if (!r || typeof r.at !== 'string' || Number.isNaN(Date.parse(r.at)) || typeof r.ok !== 'boolean')
    return subject(id, inconclusive(`${id}: no readable restore validation record`, evidence));
  const days = hours(r.at, now) / 24;
  if (!r.ok)
    return subject(id, fail(`${id}: last restore validation failed (${days.toFixed(1)} days ago)`, evidence));
  if (days > maxAgeDays)
    return subject(
      id,
      fail(`${id}: last restore validated ${days.toFixed(1)} days ago, over ${maxAgeDays}`, evidence),
    );
  return subject(id, pass(`${id}: restore validated ${days.toFixed(1)} days ago`, evidence));
}
