import { fail, type ProbeResult, pass } from '../probe.ts';
import { allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';

export interface DashboardsParams {
  /** At least this many dashboards. */
  min?: number;
  /** Dashboard titles that must exist. */
  names?: string[];
}

/**
 * Checks Grafana's dashboards (`/api/search?type=dash-db`): at least `min`, and the named ones present.
 * The observed count is the fact a document's "N dashboards" claim is compared with.
 * @example await grafanaDashboards(api, { min: 10, names: ['Node Exporter Full'] })
 */
export async function grafanaDashboards(api: MonitoringApi, p: DashboardsParams = {}): Promise<ProbeResult> {
  const answer = await getJson<unknown>(api, '/api/search?type=dash-db&limit=5000');
  if (!answer.ok) return answer.result;
  if (!Array.isArray(answer.data)) return malformed(answer.source, 'search result is not a list');
  const found = allShaped(
    answer.data,
    (d): d is { title: string } => isObject(d) && typeof d.title === 'string',
    'dashboard',
  );
  if (typeof found === 'string') return malformed(answer.source, found);
  const titles = found.map((d) => d.title);
  const missing = (p.names ?? []).filter((n) => !titles.includes(n));
  const evidence = {
    source: answer.source,
    expected: { min: p.min ?? null, names: p.names ?? [] },
    observed: { count: titles.length, titles: titles.slice(0, 50) },
    missing,
  };
  const problems: string[] = [];
  if (p.min !== undefined && titles.length < p.min)
    problems.push(`${titles.length} dashboards, expected at least ${p.min}`);
  if (missing.length) problems.push(`dashboards missing: ${missing.join(', ')}`);
  if (problems.length) return fail(problems.join('; '), evidence);
  return pass(
    `${titles.length} dashboards${p.names?.length ? `, including ${p.names.join(', ')}` : ''}`,
    evidence,
  );
}
