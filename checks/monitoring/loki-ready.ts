import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { getJson, type MonitoringApi } from './api.ts';

/**
 * Checks that Loki reports ready (`/ready` answers 200 `ready`; 503 with the reason while an ingester is not).
 * @example await lokiReady(api)
 */
export async function lokiReady(api: MonitoringApi): Promise<ProbeResult> {
  // 503 with a reason is Loki's documented "not ready"; any other status is not its verdict.
  const answer = await getJson<string>(api, '/ready', {
    text: true,
    acceptStatus: (s) => s === 200 || s === 503,
  });
  if (!answer.ok) return answer.result;
  const body = answer.data.trim().slice(0, 200);
  const evidence = {
    source: answer.source,
    expected: { status: 200, body: 'ready' },
    observed: { status: answer.status, body },
  };
  if (answer.status === 503) return fail(`Loki not ready: ${answer.status} ${body}`, evidence);
  if (body !== 'ready')
    return inconclusive(`${answer.source}: 200 without Loki's "ready" (${body || 'empty'})`, evidence);
  return pass('Loki ready', evidence);
}
