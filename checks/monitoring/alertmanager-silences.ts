import { fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import { allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';
import { days } from './durations.ts';

export interface SilencesParams {
  /** Oldest acceptable active silence, in days since it started. */
  maxAgeDays: number;
}

/**
 * Checks that no active silence is older than `maxAgeDays`, one subject per active silence (its
 * id; creator, matchers and comment in the evidence): a forgotten silence hides a real outage.
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
  const source = answer.source;
  const evidence = { source, expected: { maxAgeDays: p.maxAgeDays } };
  // No active silence is one pass: there is nothing to name.
  if (active.length === 0) return pass('no active silence', { ...evidence, observed: 0 });
  const subjects = active.map((s) => {
    const matchers = (s.matchers ?? []).map(
      (m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`,
    );
    const ageDays = days(now.getTime() - Date.parse(s.startsAt));
    const seen = {
      ...evidence,
      observed: { ageDays, startsAt: s.startsAt, endsAt: s.endsAt ?? null },
      createdBy: s.createdBy ?? '',
      comment: (s.comment ?? '').slice(0, 120),
      matchers,
    };
    const what = `silence ${s.id} by ${s.createdBy || '?'} (${matchers.join(',')})`;
    if (!Number.isFinite(ageDays)) return subject(s.id, inconclusive(`${what}: unreadable startsAt`, seen));
    if (ageDays > p.maxAgeDays)
      return subject(s.id, fail(`${what} active for ${ageDays} days (> ${p.maxAgeDays})`, seen));
    return subject(s.id, pass(`${what} active for ${ageDays} days`, seen));
  });
  return perSubject(api.url, 'active silences', subjects, evidence);
}

interface Silence {
  id: string;
  startsAt: string;
  endsAt?: string;
  createdBy?: string;
  comment?: string;
  matchers?: { name: string; value: string; isRegex?: boolean; isEqual?: boolean }[];
}
