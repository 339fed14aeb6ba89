import { fail, type ProbeResult, pass } from '../probe.ts';
import { getJson, type MonitoringApi } from './api.ts';

/**
 * Checks that Loki reports ready (`/ready` answers 200 `ready`; 503 with the reason while an ingester is not).
 * @example await lokiReady(api)
 */
export async function lokiReady(api: MonitoringApi): Promise<ProbeResult> {
  const answer = await getJson<string>(api, '/ready', { text: true, acceptStatus: () => true });
  if (!answer.ok) return answer.result;
  const body = answer.data.trim().slice(0, 200);
  const evidence = {
    source: answer.source,
    expected: { status: 200, body: 'ready' },
    observed: { status: answer.status, body },
  };
  if (answer.status !== 200 || body !== 'ready')
    return fail(`Loki not ready: ${answer.status} ${body}`, evidence);
  return pass('Loki ready', evidence);
}
