import { fail, type ProbeResult, pass, perSubject, type SubjectResult, subject } from '../probe.ts';
import { asJson, type MonitoringApi } from './api.ts';
import { activeTargets, jobOf } from './prometheus-api.ts';
import { distinctNames } from './subject-names.ts';

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
 * Checks that the expected scrape jobs exist with their instances (or at least a number of
 * targets): one subject per expected job. Presence only: whether they are up is `prometheus.targets`.
 * @example await prometheusJobs(api, { expected: [{ job: 'node', instances: ['web1:9100', 'web2:9100'] }] })
 */
export async function prometheusJobs(api: MonitoringApi, p: JobsParams): Promise<ProbeResult> {
  const answer = await activeTargets(api);
  if (!answer.ok) return answer.result;
  const names = distinctNames(p.expected.map((e) => [e.job]));
  const subjects: SubjectResult[] = p.expected.map((expected, i) => {
    const instances = answer.data
      .filter((t) => jobOf(t) === expected.job)
      .map((t) => t.labels.instance ?? '');
    const evidence = { source: answer.source, expected: asJson(expected), observed: { instances } };
    const problems: string[] = [];
    if (instances.length === 0) problems.push(`job ${expected.job} missing`);
    const absent = (expected.instances ?? []).filter((x) => !instances.includes(x));
    if (instances.length && absent.length) problems.push(`job ${expected.job} lacks ${absent.join(', ')}`);
    if (instances.length && expected.count !== undefined && instances.length < expected.count) {
      problems.push(
        `job ${expected.job} has ${instances.length} targets, expected at least ${expected.count}`,
      );
    }
    if (problems.length) return subject(names[i], fail(problems.join('; '), evidence));
    return subject(names[i], pass(`job ${expected.job} present with ${instances.length} targets`, evidence));
  });
  return perSubject(api.url, 'expected jobs', subjects, { source: answer.source });
}
