import { fail, type ProbeResult, pass } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { type ActiveTarget, activeTargets, jobOf } from './prometheus-api.ts';

export interface TargetsParams {
  /** Only these jobs; each must have at least one active target. Default: every active target. */
  jobs?: string[];
}

/**
 * Checks that every active scrape target is up; the down ones are named with their last error.
 * @example await prometheusTargets(api, { jobs: ['node', 'nginx'] })
 */
export async function prometheusTargets(api: MonitoringApi, p: TargetsParams = {}): Promise<ProbeResult> {
  const answer = await activeTargets(api);
  if (!answer.ok) return answer.result;
  const wanted = p.jobs ? new Set(p.jobs) : undefined;
  const targets = answer.data.filter((t) => !wanted || wanted.has(jobOf(t)));
  const missingJobs = (p.jobs ?? []).filter((job) => !targets.some((t) => jobOf(t) === job));
  const down = targets.filter((t) => t.health !== 'up').map(describeDown);
  const evidence = {
    source: answer.source,
    expected: { jobs: p.jobs ?? null, health: 'up' },
    observed: { targets: targets.length, up: targets.length - down.length, down },
    missingJobs,
  };
  if (targets.length === 0)
    return fail(`no active targets${p.jobs ? ` for jobs ${p.jobs.join(', ')}` : ''}`, evidence);
  const problems = [
    ...missingJobs.map((job) => `job ${job} has no active target`),
    ...down.map((d) => `${d.job} ${d.instance} ${d.health}${d.lastError ? `: ${d.lastError}` : ''}`),
  ];
  if (problems.length)
    return fail(`${down.length} of ${targets.length} targets not up; ${problems.join('; ')}`, evidence);
  return pass(`all ${targets.length} active targets up`, evidence);
}

function describeDown(t: ActiveTarget) {
  return {
    job: jobOf(t),
    instance: t.labels.instance ?? t.scrapeUrl ?? '?',
    health: t.health === 'unknown' ? 'not scraped yet' : t.health,
    lastError: t.lastError ?? '',
  };
}
