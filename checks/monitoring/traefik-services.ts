import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import type { MonitoringApi } from './api.ts';
import { traefikList } from './traefik-api.ts';

/**
 * Checks that every HTTP service is enabled and every one of its servers is `UP` in
 * `serverStatus` (what Traefik's health checks found): one subject per service, its servers in
 * the evidence. Traefik's internal services are skipped.
 * @example await traefikServices(api)
 */
export async function traefikServices(api: MonitoringApi): Promise<ProbeResult> {
  const answer = await traefikList(api, '/api/http/services');
  if (!answer.ok) return answer.result;
  const services = answer.data.filter((s) => s.provider !== 'internal');
  const source = answer.source;
  if (services.length === 0) return fail('no HTTP services', { source, observed: 0 });
  const subjects = services.map((s) => {
    const servers = s.serverStatus ?? {};
    const down = Object.entries(servers).filter(([, status]) => status !== 'UP');
    const errors = (s.error ?? []).join('; ');
    const evidence = {
      source,
      expected: { status: 'enabled', servers: 'UP' },
      observed: { status: s.status ?? null, servers: { ...servers } },
      error: errors,
    };
    const problems: string[] = [];
    if ((s.status && s.status !== 'enabled') || errors)
      problems.push(`${s.status ?? ''}${errors ? `: ${errors}` : ''}`.trim());
    problems.push(...down.map(([server, status]) => `server ${server} ${status}`));
    if (problems.length) return subject(s.name, fail(`${s.name} ${problems.join('; ')}`, evidence));
    const count = Object.keys(servers).length;
    return subject(s.name, pass(`${s.name} enabled, ${count} servers UP`, evidence));
  });
  return perSubject(api.url, 'HTTP services', subjects, { source });
}
