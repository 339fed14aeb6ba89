import { fail, type ProbeResult, pass, perSubject, type SubjectResult, subject } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { type TraefikItem, traefikList } from './traefik-api.ts';

export interface RoutersParams {
  /** Routers that must exist (`name@provider`). */
  names?: string[];
}

/**
 * Checks that every HTTP router is enabled without errors, one subject per router (a router in
 * `warning` or `disabled` state, e.g. pointing at a missing middleware or service, fails with its
 * error), plus a failing subject per required router that does not exist.
 * @example await traefikRouters(api, { names: ['app@docker'] })
 */
export async function traefikRouters(api: MonitoringApi, p: RoutersParams = {}): Promise<ProbeResult> {
  const answer = await traefikList(api, '/api/http/routers');
  if (!answer.ok) return answer.result;
  const routers = answer.data;
  const source = answer.source;
  if (routers.length === 0 && !p.names?.length) return fail('no HTTP routers', { source, observed: 0 });
  const subjects: SubjectResult[] = routers.map((r) => judgeRouter(r, source));
  for (const name of (p.names ?? []).filter((n) => !routers.some((r) => r.name === n)))
    subjects.push(
      subject(name, fail(`router ${name} missing`, { source, expected: 'present', observed: null })),
    );
  return perSubject(api.url, 'HTTP routers', subjects, { source });
}

function judgeRouter(r: TraefikItem, source: string): SubjectResult {
  const errors = (r.error ?? []).join('; ');
  const evidence = {
    source,
    expected: 'enabled',
    observed: r.status ?? null,
    rule: typeof r.rule === 'string' ? r.rule : null,
    service: typeof r.service === 'string' ? r.service : null,
    error: errors,
  };
  if (r.status === 'enabled' && !errors) return subject(r.name, pass(`${r.name} enabled`, evidence));
  return subject(
    r.name,
    fail(`${r.name} ${r.status ?? 'without status'}${errors ? `: ${errors}` : ''}`, evidence),
  );
}
