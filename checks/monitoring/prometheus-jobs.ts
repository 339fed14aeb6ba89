import { fail, type ProbeResult, pass } from '../probe.ts';
import { asJson, type MonitoringApi } from './api.ts';
import { activeTargets, jobOf } from './prometheus-api.ts';

export interface ExpectedJob {
  job: string;
  /** Instance labels that must be present (e.g. one per host). */
  instances?: string[];
  /** At least this many targets in the job. */
  count?: number;
}

export interface JobsParams {
  expected: ExpectedJob[];
}

/**
 * Checks that the expected scrape jobs exist with their instances (or at least a number of targets).
 * Presence only: whether they are up is `prometheus.targets`.
 * @example await prometheusJobs(api, { expected: [{ job: 'node', instances: ['web1:9100', 'web2:9100'] }] })
 */
export async function prometheusJobs(api: MonitoringApi, p: JobsParams): Promise<ProbeResult> {
  const answer = await activeTargets(api);
  if (!answer.ok) return answer.result;
  const problems: string[] = [];
  const observed: Record<string, string[]> = {};
  for (const expected of p.expected) {
    const instances = answer.data
      .filter((t) => jobOf(t) === expected.job)
      .map((t) => t.labels.instance ?? '');
    observed[expected.job] = instances;
    if (instances.length === 0) {
      problems.push(`job ${expected.job} missing`);
      continue;
    }
    const absent = (expected.instances ?? []).filter((i) => !instances.includes(i));
    if (absent.length) problems.push(`job ${expected.job} lacks ${absent.join(', ')}`);
    if (expected.count !== undefined && instances.length < expected.count) {
      problems.push(
        `job ${expected.job} has ${instances.length} targets, expected at least ${expected.count}`,
      );
    }
  }
  const evidence = { source: answer.source, expected: asJson(p.expected), observed };
  if (problems.length) return fail(problems.join('; '), evidence);
  return pass(
    `${p.expected.length} expected jobs present: ${p.expected.map((e) => e.job).join(', ')}`,
    evidence,
  );
}
