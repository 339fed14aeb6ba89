import { fail, type ProbeResult, pass } from '../probe.ts';
import { getJson, type MonitoringApi } from './api.ts';

/**
 * Checks that Alertmanager reports ready (`/-/ready` answers 200; 503 while it is still starting or its config is bad).
 * Any other status is `error`: it is not Alertmanager's verdict on itself.
 * @example await alertmanagerReady(api)
 */
export async function alertmanagerReady(api: MonitoringApi): Promise<ProbeResult> {
  // 503 is Alertmanager's documented "not ready"; any other status (404, 500, a proxy's 502) is
  // not an answer from Alertmanager about itself, so it stays an error naming the status.
  const answer = await getJson<string>(api, '/-/ready', {
    text: true,
    acceptStatus: (s) => s === 200 || s === 503,
  });
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
