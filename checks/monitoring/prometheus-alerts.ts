import { fail, type ProbeResult, pass, perSubject, type SubjectResult, subject } from '../probe.ts';
import { allShaped, isObject, type MonitoringApi, malformed } from './api.ts';
import { type Alert, prometheusGet } from './prometheus-api.ts';

export interface AlertsParams {
  /** Alert names that must not be firing. */
  notFiring?: string[];
  /** Alert names that must be firing, e.g. a dead-man's-switch `Watchdog`. */
  firing?: string[];
}

/**
 * Checks named alerts, one subject per name: the ones that must stay quiet are not firing, and
 * the dead-man's switch that proves the alerting pipeline is alive is firing.
 * @example await prometheusAlerts(api, { notFiring: ['InstanceDown'], firing: ['Watchdog'] })
 */
export async function prometheusAlerts(api: MonitoringApi, p: AlertsParams): Promise<ProbeResult> {
  const answer = await prometheusGet<{ alerts?: unknown }>(api, '/api/v1/alerts');
  if (!answer.ok) return answer.result;
  if (!isObject(answer.data) || !Array.isArray(answer.data.alerts))
    return malformed(answer.source, 'no data.alerts list');
  const alerts = allShaped(
    answer.data.alerts,
    (a): a is Alert => isObject(a) && isObject(a.labels) && typeof a.state === 'string',
    'data.alerts',
  );
  if (typeof alerts === 'string') return malformed(answer.source, alerts);
  const firing = alerts.filter((a) => a.state === 'firing');
  const source = answer.source;
  const seen = (name: string) => {
    const mine = firing.filter((a) => a.labels.alertname === name);
    return {
      source,
      observed: { firing: mine.length },
      // Which series fire (instance, job…) is what an on-call reader needs next.
      series: mine.slice(0, 10).map((a) => ({ ...a.labels, activeAt: a.activeAt ?? '' })),
    };
  };
  const subjects: SubjectResult[] = [];
  for (const name of p.notFiring ?? []) {
    const evidence = { ...seen(name), expected: 'not firing' };
    subjects.push(
      subject(
        name,
        evidence.observed.firing
          ? fail(`${name} is firing (${evidence.observed.firing} series)`, evidence)
          : pass(`${name} not firing`, evidence),
      ),
    );
  }
  for (const name of p.firing ?? []) {
    const evidence = { ...seen(name), expected: 'firing' };
    // A name in both lists is a contradiction in the policy; both verdicts are kept, told apart.
    const label = p.notFiring?.includes(name) ? `${name} (must fire)` : name;
    subjects.push(
      subject(
        label,
        evidence.observed.firing
          ? pass(`${name} firing`, evidence)
          : fail(
              `${name} is not firing (it must: the alerting pipeline cannot be trusted without it)`,
              evidence,
            ),
      ),
    );
  }
  return perSubject(api.url, 'alerts', subjects, { source });
}
