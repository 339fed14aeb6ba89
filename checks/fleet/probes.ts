/**
 * The fleet area: a control plane's shards and per-tenant backups, tenant → shard
 * consistency of each site, and per-series budgets from Prometheus (SLO per tier, p95 per
 * shard, cost per site). Subject names are what the control plane and Prometheus call them.
 */
import type { EndpointEntry, SecretRef } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { monitoringApi } from '../monitoring/monitoring-api.ts';
import { type ProbeResult, perSubject } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { httpTransport } from '../transport/http-pool.ts';
import { controlPlaneList } from './control-plane-list.ts';
import { judgeBackup, judgeRestore, judgeShard } from './judges.ts';
import { fleetParamsChecks } from './params-checks.ts';
import { fleetSeries, type SeriesParams } from './series.ts';
import { type SiteShardParams, siteShard } from './site-shard.ts';

const secretRef = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['env'],
      properties: { env: { type: 'string', minLength: 1 } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['file'],
      properties: { file: { type: 'string', minLength: 1 } },
    },
  ],
};
const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});

interface ListParams {
  token?: SecretRef;
}

async function list(
  ctx: ProbeContext,
  t: EndpointEntry,
  p: ListParams | undefined,
  noun: string,
  judge: (i: Record<string, unknown>) => ReturnType<typeof judgeShard>,
): Promise<ProbeResult> {
  const got = await controlPlaneList(httpTransport(ctx), t.url, ctx.secret(p?.token));
  if (!got.ok) return got.result;
  return perSubject(t.name, noun, got.items.map(judge), { source: got.source });
}

export const fleetProbes = [
  defineProbe<'endpoint', ListParams>({
    name: 'fleet.shards',
    subjects: true,
    summary: 'Each shard the control plane lists (its /shards API, every page) reports healthy',
    target: 'endpoint',
    params: object({ token: secretRef }),
    run: (ctx, t, p) => list(ctx, t, p, 'shards', judgeShard),
  }),
  defineProbe<'endpoint', ListParams & { maxAgeHours: number }>({
    name: 'fleet.backups',
    subjects: true,
    summary: "Each tenant's last backup (the control plane's /backups API) is at most maxAgeHours old",
    target: 'endpoint',
    params: object({ token: secretRef, maxAgeHours: { type: 'number', exclusiveMinimum: 0 } }, [
      'maxAgeHours',
    ]),
    run: (ctx, t, p) => list(ctx, t, p, 'tenants', (i) => judgeBackup(i, p.maxAgeHours, ctx.options.now)),
  }),
  defineProbe<'endpoint', ListParams & { maxAgeDays: number }>({
    name: 'fleet.restores',
    subjects: true,
    summary: "Each tenant's last restore validation succeeded and is at most maxAgeDays old",
    target: 'endpoint',
    params: object({ token: secretRef, maxAgeDays: { type: 'number', exclusiveMinimum: 0 } }, ['maxAgeDays']),
    run: (ctx, t, p) => list(ctx, t, p, 'tenants', (i) => judgeRestore(i, p.maxAgeDays, ctx.options.now)),
  }),
  defineProbe<'endpoint', SiteShardParams>({
    name: 'fleet.site-shard',
    summary:
      'The site answers from the shard the control plane assigns (its X-Shard header against its shard-* group)',
    target: 'endpoint',
    params: object({
      header: { type: 'string', pattern: '^[A-Za-z0-9-]+$' },
      groupPrefix: { type: 'string', minLength: 1 },
    }),
    run: (ctx, t, p) => siteShard(httpTransport(ctx), t, p ?? {}),
  }),
  defineProbe<'monitoring', SeriesParams>({
    name: 'fleet.series',
    subjects: true,
    summary: 'Each series of a PromQL query (per shard, tenant…) meets its threshold, or its tier’s',
    target: 'monitoring',
    monitoringKind: 'prometheus',
    params: object(
      {
        query: { type: 'string', minLength: 1 },
        subjectLabel: { type: 'string', minLength: 1 },
        op: { enum: ['<=', '>='] },
        value: { type: 'number' },
        thresholdLabel: { type: 'string', minLength: 1 },
        thresholds: { type: 'object', additionalProperties: { type: 'number' }, minProperties: 1 },
        unit: { type: 'string' },
        minSeries: { type: 'integer', minimum: 1 },
      },
      ['query', 'subjectLabel', 'op'],
    ),
    validateParams: fleetParamsChecks['fleet.series'],
    run: (ctx, t, p) => fleetSeries(monitoringApi(ctx, t), p),
  }),
];
