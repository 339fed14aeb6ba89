import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { getJson, isObject, type MonitoringApi, malformed } from './api.ts';

export interface DatasourcesParams {
  /** Data sources that must exist; only they are health-checked. Default: every data source. */
  names?: string[];
}

interface Checked {
  name: string;
  type: string;
  status: string;
  message: string;
}

/**
 * Checks that Grafana's data sources are healthy, through Grafana's own health check
 * (`/api/datasources/uid/<uid>/health`: 200 `OK`, or 400 `ERROR` with the reason).
 * @example await grafanaDatasources(api, { names: ['Prometheus', 'Loki'] })
 */
export async function grafanaDatasources(
  api: MonitoringApi,
  p: DatasourcesParams = {},
): Promise<ProbeResult> {
  const list = await getJson<unknown>(api, '/api/datasources');
  if (!list.ok) return list.result;
  if (!Array.isArray(list.data)) return malformed(list.source, 'data sources are not a list');
  const all = list.data.filter(isObject);
  const selected = p.names ? all.filter((d) => p.names?.includes(String(d.name))) : all;
  const missing = (p.names ?? []).filter((n) => !all.some((d) => d.name === n));
  const checked: Checked[] = [];
  for (const ds of selected) {
    const uid = encodeURIComponent(String(ds.uid ?? ''));
    // Grafana answers 400 for an unhealthy data source, with the same JSON body.
    const health = await getJson<unknown>(api, `/api/datasources/uid/${uid}/health`, {
      acceptStatus: (s) => s === 200 || s === 400,
    });
    const base = { name: String(ds.name), type: String(ds.type ?? '') };
    if (!health.ok) checked.push({ ...base, status: 'UNCHECKED', message: health.result.message });
    else if (!isObject(health.data))
      checked.push({ ...base, status: 'UNCHECKED', message: 'health answer is not an object' });
    else
      checked.push({
        ...base,
        status: String(health.data.status ?? ''),
        message: String(health.data.message ?? ''),
      });
  }
  const unhealthy = checked.filter((c) => c.status !== 'OK' && c.status !== 'UNCHECKED');
  const unchecked = checked.filter((c) => c.status === 'UNCHECKED');
  const evidence = {
    source: list.source,
    expected: { names: p.names ?? [], status: 'OK' },
    observed: checked.map((c) => ({ ...c })),
    missing,
  };
  const problems = [
    ...missing.map((n) => `data source ${n} missing`),
    ...unhealthy.map((c) => `${c.name} (${c.type}) ${c.status}: ${c.message}`),
  ];
  if (problems.length) return fail(problems.join('; '), evidence);
  if (unchecked.length) {
    return inconclusive(
      `cannot check ${unchecked.map((c) => `${c.name}: ${c.message}`).join('; ')}`,
      evidence,
    );
  }
  if (checked.length === 0) return fail('no data sources configured', evidence);
  return pass(`${checked.length} data sources healthy: ${checked.map((c) => c.name).join(', ')}`, evidence);
}
