import { fail, type ProbeResult, pass } from '../probe.ts';
import { getJson, type MonitoringApi } from './api.ts';

/**
 * Checks that Alertmanager reports ready (`/-/ready` answers 200; 503 while it is still starting or its config is bad).
 * @example await alertmanagerReady(api)
 */
export async function alertmanagerReady(api: MonitoringApi): Promise<ProbeResult> {
  const answer = await getJson<string>(api, '/-/ready', { text: true, acceptStatus: () => true });
  if (!answer.ok) return answer.result;
  const evidence = {
    source: answer.source,
    expected: 200,
    observed: answer.status,
    durationMs: answer.durationMs,
  };
  if (answer.status !== 200) return fail(`not ready: ${answer.source} answered ${answer.status}`, evidence);
  return pass(`ready (${answer.durationMs} ms)`, evidence);
}
