/**
 * Every probe area and how to load it. The audit loads an area only when a control of the
 * policy uses one of its checks (see catalog-index.ts); the full catalog loads them all.
 */
import type { AnyProbe } from './registry.ts';

export const areas: Record<string, () => Promise<readonly AnyProbe[]>> = {
  host: async () => (await import('./host/probes.ts')).hostProbes,
  http: async () => (await import('./http/probes.ts')).httpProbes,
  'http-json': async () => [(await import('./http/json-probe.ts')).httpJsonProbe],
  docker: async () => (await import('./docker/probes.ts')).dockerProbes,
  git: async () => (await import('./git/probes.ts')).gitProbes,
  github: async () => (await import('./github/probes.ts')).githubProbes,
  tls: async () => (await import('./tls/probes.ts')).tlsProbes,
  dns: async () => (await import('./dns/probes.ts')).dnsProbes,
  monitoring: async () => (await import('./monitoring/probes.ts')).monitoringProbes,
  docs: async () => (await import('./docs/probes.ts')).docsProbes,
  backup: async () => (await import('./backup/probes.ts')).backupProbes,
  mariadb: async () => (await import('./mariadb/probes.ts')).mariadbProbes,
  nginx: async () => (await import('./nginx/probes.ts')).nginxProbes,
  php: async () => (await import('./php/probes.ts')).phpProbes,
  logs: async () => (await import('./logs/probes.ts')).logsProbes,
  wordpress: async () => (await import('./wordpress/probes.ts')).wordpressProbes,
  acceptance: async () => (await import('./acceptance/probes.ts')).acceptanceProbes,
  fleet: async () => (await import('./fleet/probes.ts')).fleetProbes,
};
