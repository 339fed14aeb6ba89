import { fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { ageSeconds } from './durations.ts';
import { activeTargets, jobOf } from './prometheus-api.ts';
import { targetName } from './prometheus-targets.ts';
import { distinctNames } from './subject-names.ts';

export interface ScrapeAgeParams {
  /** Oldest acceptable last scrape, in seconds before the run's clock. */
  maxSeconds: number;
  jobs?: string[];
}

/**
 * Checks that every active target was scraped within `maxSeconds` (a stuck scrape loop or a
 * far-too-long interval shows here even while `up` still reads 1): one subject per target.
 * A target not scraped yet (Go's zero time) or with a time that does not parse cannot be judged: `error`.
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
  const evidence = { source: answer.source, expected: { maxSeconds: p.maxSeconds } };
  if (targets.length === 0)
    return fail(`no active targets${p.jobs ? ` for jobs ${p.jobs.join(', ')}` : ''}`, evidence);
  const names = distinctNames(targets.map((t) => [targetName(t), t.scrapePool]));
  const subjects = targets.map((t, i) => {
    const age = ageSeconds(t.lastScrape, now) ?? null;
    const seen = { ...evidence, observed: { lastScrape: t.lastScrape ?? null, ageSeconds: age } };
    // No time (Go's zero time) means Prometheus has not tried yet, right after a start or a
    // reload with a long interval: its age cannot be told, which is not a stale scrape.
    if (age === null)
      return subject(
        names[i],
        inconclusive(`${names[i]}: not scraped yet (health ${t.health}), no scrape age to judge`, seen),
      );
    if (age > p.maxSeconds)
      return subject(names[i], fail(`${names[i]} last scraped ${age} s ago (> ${p.maxSeconds} s)`, seen));
    return subject(names[i], pass(`${names[i]} scraped ${age} s ago`, seen));
  });
  return perSubject(api.url, 'scrape targets', subjects, evidence);
}
