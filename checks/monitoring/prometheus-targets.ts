import {
  fail,
  inconclusive,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { type ActiveTarget, activeTargets, jobOf } from './prometheus-api.ts';
import { distinctNames } from './subject-names.ts';

export interface TargetsParams {
  /** Only these jobs; each must have at least one active target. Default: every active target. */
  jobs?: string[];
}

/**
 * Checks that every active scrape target is up: one subject per target (`job/instance`) with its
 * health, last error and last scrape, plus one failing subject per requested job with no target.
 * A target Prometheus has not scraped yet (`unknown`) cannot be judged: `error`, not `fail`.
 * @example await prometheusTargets(api, { jobs: ['node', 'nginx'] })
 */
export async function prometheusTargets(api: MonitoringApi, p: TargetsParams = {}): Promise<ProbeResult> {
  const answer = await activeTargets(api);
  if (!answer.ok) return answer.result;
  const wanted = p.jobs ? new Set(p.jobs) : undefined;
  const targets = answer.data.filter((t) => !wanted || wanted.has(jobOf(t)));
  const missingJobs = (p.jobs ?? []).filter((job) => !targets.some((t) => jobOf(t) === job));
  const source = answer.source;
  const evidence = { source, expected: { jobs: p.jobs ?? null, health: 'up' } };
  // A Prometheus that scrapes nothing at all is itself the defect: there is no subject to name.
  if (targets.length === 0 && !p.jobs) return fail('no active scrape targets', evidence);
  const names = distinctNames(targets.map((t) => [targetName(t), t.scrapePool]));
  const subjects: SubjectResult[] = targets.map((t, i) => judgeTarget(names[i], t, source));
  for (const job of missingJobs) {
    subjects.push(
      subject(
        job,
        fail(`job ${job} has no active target`, { source, expected: { job, targets: '≥ 1' }, observed: 0 }),
      ),
    );
  }
  return perSubject(api.url, 'scrape targets', subjects, evidence);
}

/** `job/instance`, as an operator reads a target on Prometheus's own /targets page. */
export function targetName(t: ActiveTarget): string {
  return `${jobOf(t)}/${t.labels.instance ?? t.scrapeUrl ?? '?'}`;
}

function judgeTarget(name: string, t: ActiveTarget, source: string): SubjectResult {
  const evidence = {
    source,
    expected: 'up',
    observed: t.health,
    job: jobOf(t),
    instance: t.labels.instance ?? null,
    scrapeUrl: t.scrapeUrl ?? null,
    lastError: t.lastError ?? '',
    lastScrape: t.lastScrape ?? null,
  };
  if (t.health === 'up') return subject(name, pass(`${name} up`, evidence));
  if (t.health === 'down')
    return subject(name, fail(`${name} down${t.lastError ? `: ${t.lastError}` : ''}`, evidence));
  return subject(
    name,
    inconclusive(
      `${name}: health ${String(t.health)} (not scraped yet), cannot tell whether it is up`,
      evidence,
    ),
  );
}
