import { fail, type ProbeResult, pass } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { ageSeconds } from './durations.ts';
import { activeTargets, jobOf } from './prometheus-api.ts';

export interface ScrapeAgeParams {
  /** Oldest acceptable last scrape, in seconds before the run's clock. */
  maxSeconds: number;
  jobs?: string[];
}

/**
 * Checks that every active target was scraped within `maxSeconds` (a stuck scrape loop or a
 * far-too-long interval shows here even while `up` still reads 1).
 * @example await prometheusScrapeAge(api, { maxSeconds: 120 }, new Date())
 */
export async function prometheusScrapeAge(
  api: MonitoringApi,
  p: ScrapeAgeParams,
  now: Date,
): Promise<ProbeResult> {
  const answer = await activeTargets(api);
  if (!answer.ok) return answer.result;
  const targets = answer.data.filter((t) => !p.jobs || p.jobs.includes(jobOf(t)));
  const ages = targets.map((t) => ({
    job: jobOf(t),
    instance: t.labels.instance ?? '',
    ageSeconds: ageSeconds(t.lastScrape, now) ?? null,
  }));
  const stale = ages.filter((a) => a.ageSeconds === null || a.ageSeconds > p.maxSeconds);
  const oldest = Math.max(0, ...ages.map((a) => a.ageSeconds ?? Number.POSITIVE_INFINITY));
  const evidence = {
    source: answer.source,
    expected: { maxSeconds: p.maxSeconds },
    observed: { targets: ages.length, oldestSeconds: Number.isFinite(oldest) ? oldest : null },
    stale,
  };
  if (ages.length === 0)
    return fail(`no active targets${p.jobs ? ` for jobs ${p.jobs.join(', ')}` : ''}`, evidence);
  if (stale.length) {
    const named = stale.map(
      (s) => `${s.job} ${s.instance} (${s.ageSeconds === null ? 'never scraped' : `${s.ageSeconds} s`})`,
    );
    return fail(
      `${stale.length} targets last scraped more than ${p.maxSeconds} s ago: ${named.join(', ')}`,
      evidence,
    );
  }
  return pass(`all ${ages.length} targets scraped within ${p.maxSeconds} s (oldest ${oldest} s)`, evidence);
}
