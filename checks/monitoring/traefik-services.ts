import { fail, type ProbeResult, pass } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { traefikList } from './traefik-api.ts';

/**
 * Checks that every HTTP service is enabled and every one of its servers is `UP` in
 * `serverStatus` (what Traefik's health checks found). Traefik's internal services are skipped.
 * @example await traefikServices(api)
 */
export async function traefikServices(api: MonitoringApi): Promise<ProbeResult> {
  const answer = await traefikList(api, '/api/http/services');
  if (!answer.ok) return answer.result;
  const services = answer.data.filter((s) => s.provider !== 'internal');
  const problems: string[] = [];
  const down: { service: string; server: string; status: string }[] = [];
  for (const s of services) {
    if ((s.status && s.status !== 'enabled') || (s.error?.length ?? 0) > 0) {
      problems.push(`${s.name} ${s.status ?? ''}${s.error?.length ? `: ${s.error.join('; ')}` : ''}`.trim());
    }
    for (const [server, status] of Object.entries(s.serverStatus ?? {})) {
      if (status !== 'UP') down.push({ service: s.name, server, status });
    }
  }
  problems.push(...down.map((d) => `${d.service} server ${d.server} ${d.status}`));
  const servers = services.reduce((n, s) => n + Object.keys(s.serverStatus ?? {}).length, 0);
  const evidence = {
    source: answer.source,
    expected: { status: 'enabled', servers: 'UP' },
    observed: { services: services.length, servers, down },
  };
  if (problems.length) return fail(problems.join('; '), evidence);
  if (services.length === 0) return fail('no HTTP services', evidence);
  return pass(`${services.length} HTTP services, all ${servers} servers UP`, evidence);
}
