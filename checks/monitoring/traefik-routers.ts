import { fail, type ProbeResult, pass } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { traefikList } from './traefik-api.ts';

export interface RoutersParams {
  /** Routers that must exist (`name@provider`). */
  names?: string[];
}

/**
 * Checks that every HTTP router is enabled without errors (a router in `warning` or
 * `disabled` state, e.g. pointing at a missing middleware or service, fails with its error).
 * @example await traefikRouters(api, { names: ['app@docker'] })
 */
export async function traefikRouters(api: MonitoringApi, p: RoutersParams = {}): Promise<ProbeResult> {
  const answer = await traefikList(api, '/api/http/routers');
  if (!answer.ok) return answer.result;
  const routers = answer.data;
  const broken = routers
    .filter((r) => r.status !== 'enabled' || (r.error?.length ?? 0) > 0)
    .map((r) => ({ name: r.name, status: r.status ?? 'unknown', error: (r.error ?? []).join('; ') }));
  const missing = (p.names ?? []).filter((n) => !routers.some((r) => r.name === n));
  const evidence = {
    source: answer.source,
    expected: { status: 'enabled', names: p.names ?? [] },
    observed: { routers: routers.length, broken },
    missing,
  };
  const problems = [
    ...missing.map((n) => `router ${n} missing`),
    ...broken.map((b) => `${b.name} ${b.status}${b.error ? `: ${b.error}` : ''}`),
  ];
  if (problems.length) return fail(problems.join('; '), evidence);
  if (routers.length === 0) return fail('no HTTP routers', evidence);
  return pass(`${routers.length} HTTP routers enabled without errors`, evidence);
}
