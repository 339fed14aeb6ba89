import { randomUUID } from 'node:crypto';
import { describeError, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { getJson, type MonitoringApi } from './api.ts';

export interface TestAlertParams {
  /** Extra labels so the test alert takes the route under test (e.g. `severity: critical`). */
  labels?: Record<string, string>;
  /**
   * Where delivery is observed: a GET on the receiver's record of what it received. `{id}` in
   * the URL becomes the alert's unique id; delivery is proven when the body contains that id.
   */
  receiverCheck: { url: string };
  /** How long to wait for delivery, group_wait included (default 60). */
  timeoutSeconds?: number;
  /** Pause between two looks at the receiver, in ms (default 250). */
  pollMs?: number;
}

export const TEST_ALERT_NAME = 'ReadyspecTestAlert';

/**
 * Active check: posts a uniquely labelled alert to Alertmanager, waits until the receiver shows
 * it, then resolves it. Reports the delivery time. Changes the target: runs only when enabled.
 * @example await alertmanagerTestAlert(api, { receiverCheck: { url: 'https://hooks.example/received?label={id}' } })
 */
export async function alertmanagerTestAlert(api: MonitoringApi, p: TestAlertParams): Promise<ProbeResult> {
  const id = `readyspec-${randomUUID()}`;
  const labels = { ...p.labels, alertname: TEST_ALERT_NAME, readyspec_test: id };
  const timeoutMs = (p.timeoutSeconds ?? 60) * 1000;
  const startsAt = new Date();
  const alert = (endsAt: Date) => [
    {
      labels,
      annotations: { summary: 'readyspec active check: a test alert that resolves itself', id },
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    },
  ];
  const t0 = Date.now();
  const posted = await getJson<unknown>(api, '/api/v2/alerts', {
    method: 'POST',
    body: alert(new Date(startsAt.getTime() + timeoutMs + 300_000)),
    active: true,
    text: true,
  });
  if (!posted.ok) return posted.result;
  const checkUrl = p.receiverCheck.url.replaceAll('{id}', encodeURIComponent(id));
  const seen = await waitForDelivery(api, checkUrl, id, t0, timeoutMs, p.pollMs ?? 250);
  // Resolve it whatever happened, so the test alert never lingers in the on-call view.
  const resolved = await getJson<unknown>(api, '/api/v2/alerts', {
    method: 'POST',
    body: alert(new Date()),
    active: true,
    text: true,
  });
  const evidence = {
    source: posted.source,
    receiverCheck: checkUrl,
    alert: labels,
    expected: { deliveredWithinSeconds: timeoutMs / 1000 },
    observed: { deliveryMs: seen.deliveryMs ?? null, polls: seen.polls, lastCheck: seen.lastCheck },
    resolved: resolved.ok,
  };
  if (seen.deliveryMs !== undefined) {
    return pass(`test alert ${id} reached the receiver in ${seen.deliveryMs} ms`, evidence);
  }
  if (!seen.reachedReceiver) {
    return inconclusive(`cannot observe delivery: ${checkUrl} never answered (${seen.lastCheck})`, evidence);
  }
  return fail(
    `test alert ${id} accepted but not seen at the receiver within ${timeoutMs / 1000} s`,
    evidence,
  );
}

/** Polls the receiver's record until it mentions `id`; the delivery time counts from the POST (`started`). */
async function waitForDelivery(
  api: MonitoringApi,
  url: string,
  id: string,
  started: number,
  timeoutMs: number,
  pollMs: number,
) {
  let polls = 0;
  let lastCheck = 'not checked';
  let reachedReceiver = false;
  while (Date.now() - started <= timeoutMs) {
    polls++;
    try {
      const remaining = Math.max(500, timeoutMs - (Date.now() - started));
      const res = await api.http.request({ url, timeoutMs: Math.min(remaining, api.timeoutMs ?? remaining) });
      reachedReceiver = true;
      lastCheck = `${res.status}`;
      if (res.status >= 200 && res.status < 300 && res.body.includes(id)) {
        return { deliveryMs: Date.now() - started, polls, lastCheck, reachedReceiver };
      }
    } catch (err) {
      lastCheck = describeError(err);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return { deliveryMs: undefined, polls, lastCheck, reachedReceiver };
}
