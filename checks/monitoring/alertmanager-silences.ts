import { fail, type ProbeResult, pass } from '../probe.ts';
import { allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';
import { days } from './durations.ts';

export interface SilencesParams {
  /** Oldest acceptable active silence, in days since it started. */
  maxAgeDays: number;
}

/**
 * Checks that no active silence is older than `maxAgeDays`: a forgotten silence hides a real outage.
 * @example await alertmanagerSilences(api, { maxAgeDays: 7 }, new Date())
 */
export async function alertmanagerSilences(
  api: MonitoringApi,
  p: SilencesParams,
  now: Date,
): Promise<ProbeResult> {
  const answer = await getJson<unknown>(api, '/api/v2/silences');
  if (!answer.ok) return answer.result;
  if (!Array.isArray(answer.data)) return malformed(answer.source, 'silences are not a list');
  const all = allShaped(
    answer.data,
    (s): s is Silence & { status: { state: string } } =>
      isObject(s) && typeof s.id === 'string' && isObject(s.status) && typeof s.startsAt === 'string',
    'silence',
  );
  if (typeof all === 'string') return malformed(answer.source, all);
  const active = all.filter((s) => s.status.state === 'active');
  const aged = active.map((s) => ({
    id: s.id,
    createdBy: s.createdBy ?? '',
    comment: (s.comment ?? '').slice(0, 120),
    matchers: (s.matchers ?? []).map(
      (m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`,
    ),
    ageDays: days(now.getTime() - Date.parse(s.startsAt)),
  }));
  const old = aged.filter((s) => s.ageDays > p.maxAgeDays);
  const evidence = {
    source: answer.source,
    expected: { maxAgeDays: p.maxAgeDays },
    observed: { active: aged.length, oldestDays: Math.max(0, ...aged.map((s) => s.ageDays)) },
    tooOld: old,
  };
  if (old.length) {
    const named = old.map(
      (s) => `${s.id} by ${s.createdBy || '?'} (${s.ageDays} days, ${s.matchers.join(',')})`,
    );
    return fail(
      `${old.length} active silences older than ${p.maxAgeDays} days: ${named.join('; ')}`,
      evidence,
    );
  }
  return pass(`${aged.length} active silences, none older than ${p.maxAgeDays} days`, evidence);
}

interface Silence {
  id: string;
  startsAt: string;
  createdBy?: string;
  comment?: string;
  matchers?: { name: string; value: string; isRegex?: boolean; isEqual?: boolean }[];
}
