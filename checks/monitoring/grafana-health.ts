import { fail, type ProbeResult, pass } from '../probe.ts';
import { getJson, isObject, type MonitoringApi, malformed } from './api.ts';

/**
 * Checks Grafana's own health (`/api/health`): it answers and its database is `ok`
 * (Grafana answers 503 with `database: failing` when it cannot reach its database).
 * @example await grafanaHealth(api)
 */
export async function grafanaHealth(api: MonitoringApi): Promise<ProbeResult> {
  const answer = await getJson<unknown>(api, '/api/health', { acceptStatus: (s) => s === 200 || s === 503 });
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data) || typeof answer.data.database !== 'string')
    return malformed(answer.source, 'health has no database field');
  const database = String(answer.data.database ?? '');
  const version = String(answer.data.version ?? '');
  const evidence = {
    source: answer.source,
    expected: { status: 200, database: 'ok' },
    observed: { status: answer.status, database, version },
  };
  if (answer.status !== 200 || database !== 'ok') {
    return fail(
      `Grafana ${version} unhealthy: status ${answer.status}, database ${database || 'not reported'}`,
      evidence,
    );
  }
  return pass(`Grafana ${version} healthy, database ok`, evidence);
}
