import { fail, type ProbeResult, pass } from '../probe.ts';
import { isObject, type MonitoringApi, malformed } from './api.ts';
import { type Alert, prometheusGet } from './prometheus-api.ts';

export interface AlertsParams {
  /** Alert names that must not be firing. */
  notFiring?: string[];
  /** Alert names that must be firing, e.g. a dead-man's-switch `Watchdog`. */
  firing?: string[];
}

/**
 * Checks named alerts: the ones that must stay quiet are not firing, and the dead-man's
 * switch that proves the alerting pipeline is alive is firing.
 * @example await prometheusAlerts(api, { notFiring: ['InstanceDown'], firing: ['Watchdog'] })
 */
export async function prometheusAlerts(api: MonitoringApi, p: AlertsParams): Promise<ProbeResult> {
  const answer = await prometheusGet<{ alerts?: unknown }>(api, '/api/v1/alerts');
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data) || !Array.isArray(answer.data.alerts))
    return malformed(answer.source, 'no data.alerts list');
  const alerts = answer.data.alerts.filter((a): a is Alert => isObject(a) && isObject(a.labels));
  const firingNow = new Set(alerts.filter((a) => a.state === 'firing').map((a) => a.labels.alertname));
  const wronglyFiring = (p.notFiring ?? []).filter((name) => firingNow.has(name));
  const silent = (p.firing ?? []).filter((name) => !firingNow.has(name));
  const evidence = {
    source: answer.source,
    expected: { notFiring: p.notFiring ?? [], firing: p.firing ?? [] },
    observed: { firing: [...firingNow].sort() },
  };
  const problems = [
    ...wronglyFiring.map((n) => `${n} is firing`),
    ...silent.map((n) => `${n} is not firing (it must: the alerting pipeline cannot be trusted without it)`),
  ];
  if (problems.length) return fail(problems.join('; '), evidence);
  const parts = [
    p.notFiring?.length ? `${p.notFiring.join(', ')} not firing` : '',
    p.firing?.length ? `${p.firing.join(', ')} firing` : '',
  ].filter(Boolean);
  return pass(parts.join('; ') || 'nothing to check', evidence);
}
