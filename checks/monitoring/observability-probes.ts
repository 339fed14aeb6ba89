/** The Grafana, Loki and Traefik probes a policy's `check:` can name, wired to `monitoring` entries of their kind. */
import { defineProbe } from '../registry.ts';
import { type DashboardsParams, grafanaDashboards } from './grafana-dashboards.ts';
import { type DatasourcesParams, grafanaDatasources } from './grafana-datasources.ts';
import { grafanaHealth } from './grafana-health.ts';
import { type IngestionParams, lokiIngestion } from './loki-ingestion.ts';
import { lokiReady } from './loki-ready.ts';
import { monitoringApi, object, stringList } from './monitoring-api.ts';
import { type RoutersParams, traefikRouters } from './traefik-routers.ts';
import { traefikServices } from './traefik-services.ts';

const on = (monitoringKind: 'grafana' | 'loki' | 'traefik') =>
  ({ target: 'monitoring', monitoringKind }) as const;

export const observabilityProbes = [
  defineProbe<'monitoring', Record<string, never>>({
    name: 'grafana.health',
    summary: 'Grafana answers and its database is ok',
    ...on('grafana'),
    params: object({}),
    run: (ctx, t) => grafanaHealth(monitoringApi(ctx, t)),
  }),
  defineProbe<'monitoring', DashboardsParams>({
    name: 'grafana.dashboards',
    summary: 'At least N dashboards, and the named ones present',
    ...on('grafana'),
    params: object({
      min: { type: 'integer', minimum: 0, description: 'At least this many dashboards' },
      names: stringList('Dashboard titles that must exist'),
    }),
    run: (ctx, t, p) => grafanaDashboards(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', DatasourcesParams>({
    name: 'grafana.datasources',
    subjects: true,
    summary: 'Each data source exists and passes Grafana’s health check',
    ...on('grafana'),
    params: object({ names: stringList('Data sources that must exist (only they are checked)') }),
    run: (ctx, t, p) => grafanaDatasources(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', Record<string, never>>({
    name: 'loki.ready',
    summary: 'Loki reports ready',
    ...on('loki'),
    params: object({}),
    run: (ctx, t) => lokiReady(monitoringApi(ctx, t)),
  }),
  defineProbe<'monitoring', IngestionParams>({
    name: 'loki.ingestion',
    subjects: true,
    summary: 'Each host shipped log lines within N minutes',
    ...on('loki'),
    params: object(
      {
        hosts: stringList('Hosts that must be shipping logs'),
        label: {
          type: 'string',
          pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
          description: 'Stream label naming the host (default host)',
        },
        maxMinutes: { type: 'number', exclusiveMinimum: 0, description: 'Lines must be newer than this' },
      },
      { required: ['hosts', 'maxMinutes'] },
    ),
    run: (ctx, t, p) => lokiIngestion(monitoringApi(ctx, t), p, ctx.options.now),
  }),
  defineProbe<'monitoring', RoutersParams>({
    name: 'traefik.routers',
    subjects: true,
    summary: 'Each HTTP router is enabled without errors',
    ...on('traefik'),
    params: object({ names: stringList('Routers that must exist (name@provider)') }),
    run: (ctx, t, p) => traefikRouters(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', Record<string, never>>({
    name: 'traefik.services',
    subjects: true,
    summary: 'Each HTTP service is enabled with all its servers UP',
    ...on('traefik'),
    params: object({}),
    run: (ctx, t) => traefikServices(monitoringApi(ctx, t)),
  }),
];
