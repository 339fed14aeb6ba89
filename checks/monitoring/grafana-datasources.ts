import {
  fail,
  inconclusive,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import { allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';
import { distinctNames } from './subject-names.ts';

export interface DatasourcesParams {
  /** Data sources that must exist; only they are health-checked. Default: every data source. */
  names?: string[];
}

/**
 * Checks that Grafana's data sources are healthy through Grafana's own health check
 * (`/api/datasources/uid/<uid>/health`: 200 `OK`, or 400 `ERROR` with the reason): one subject
 * per data source. A health check that cannot be read is `error` for that data source only.
 * @example await grafanaDatasources(api, { names: ['Prometheus', 'Loki'] })
 */
export async function grafanaDatasources(
  api: MonitoringApi,
  p: DatasourcesParams = {},
): Promise<ProbeResult> {
  const list = await getJson<unknown>(api, '/api/datasources');
  if (!list.ok) return list.result;
  if (!Array.isArray(list.data)) return malformed(list.source, 'data sources are not a list');
  const all = allShaped(
    list.data,
    (d): d is Record<string, unknown> =>
      isObject(d) && typeof d.name === 'string' && typeof d.uid === 'string',
    'data source',
  );
  if (typeof all === 'string') return malformed(list.source, all);
  const selected = p.names ? all.filter((d) => p.names?.includes(String(d.name))) : all;
  const missing = (p.names ?? []).filter((n) => !all.some((d) => d.name === n));
  if (selected.length === 0 && missing.length === 0)
    return fail('no data sources configured', { source: list.source, observed: 0 });
  const names = distinctNames(selected.map((d) => [String(d.name ?? d.uid ?? '?'), String(d.uid ?? '')]));
  const subjects: SubjectResult[] = [];
  // One at a time: Grafana runs each health check against the backing service itself.
  for (const [i, ds] of selected.entries()) subjects.push(await checkOne(api, names[i], ds));
  for (const name of missing)
    subjects.push(
      subject(
        name,
        fail(`data source ${name} missing`, { source: list.source, expected: 'present', observed: null }),
      ),
    );
  return perSubject(api.url, 'data sources', subjects, { source: list.source });
}

async function checkOne(
  api: MonitoringApi,
  name: string,
  ds: Record<string, unknown>,
): Promise<SubjectResult> {
  const uid = encodeURIComponent(String(ds.uid ?? ''));
  // Grafana answers 400 for an unhealthy data source, with the same JSON body.
  const health = await getJson<unknown>(api, `/api/datasources/uid/${uid}/health`, {
    acceptStatus: (s) => s === 200 || s === 400,
  });
  const base = { type: String(ds.type ?? ''), uid: String(ds.uid ?? '') };
  if (!health.ok)
    return subject(name, inconclusive(`${name}: cannot read its health: ${health.result.message}`, base));
  const evidence = { ...base, source: health.source, expected: 'OK' };
  if (!isObject(health.data) || typeof health.data.status !== 'string')
    return subject(
      name,
      inconclusive(`${name}: health answer has no status`, { ...evidence, observed: null }),
    );
  const status = health.data.status;
  const message = String(health.data.message ?? '');
  const seen = { ...evidence, observed: status, message };
  if (status === 'OK')
    return subject(name, pass(`${name} (${base.type}) OK${message ? `: ${message}` : ''}`, seen));
  return subject(name, fail(`${name} (${base.type}) ${status}: ${message}`, seen));
}
