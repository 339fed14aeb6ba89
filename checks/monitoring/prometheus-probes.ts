/** The Prometheus probes a policy's `check:` can name, wired to `monitoring` entries of kind `prometheus`. */
import { defineProbe } from '../registry.ts';
import { monitoringApi, object, stringList } from './monitoring-api.ts';
import { monitoringParamsChecks } from './params-checks.ts';
import { type AlertsParams, prometheusAlerts } from './prometheus-alerts.ts';
import { type ExpressionParams, prometheusExpression } from './prometheus-expression.ts';
import { type JobsParams, prometheusJobs } from './prometheus-jobs.ts';
import { prometheusRetention, type RetentionParams } from './prometheus-retention.ts';
import { prometheusRules, type RulesParams } from './prometheus-rules.ts';
import { prometheusScrapeAge, type ScrapeAgeParams } from './prometheus-scrape-age.ts';
import { prometheusTargets, type TargetsParams } from './prometheus-targets.ts';

const kind = { target: 'monitoring', monitoringKind: 'prometheus' } as const;

export const prometheusProbes = [
  defineProbe<'monitoring', TargetsParams>({
    name: 'prometheus.targets',
    subjects: true,
    summary: 'Each active scrape target (job/instance) is up; a down one is named with its last error',
    ...kind,
    params: object({ jobs: stringList('Only these jobs; each must have an active target') }),
    run: (ctx, t, p) => prometheusTargets(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', JobsParams>({
    name: 'prometheus.jobs',
    subjects: true,
    summary: 'Each expected scrape job exists with its instances',
    ...kind,
    params: object(
      {
        expected: {
          type: 'array',
          minItems: 1,
          description: 'Jobs that must exist',
          items: object(
            {
              job: { type: 'string', minLength: 1 },
              instances: stringList('Instance labels that must be present'),
              count: { type: 'integer', minimum: 1, description: 'At least this many targets' },
            },
            { required: ['job'] },
          ),
        },
      },
      { required: ['expected'] },
    ),
    run: (ctx, t, p) => prometheusJobs(monitoringApi(ctx, t), p),
  }),
  defineProbe<'monitoring', ScrapeAgeParams>({
    name: 'prometheus.scrape-age',
    subjects: true,
    summary: 'Each active target (job/instance) was scraped recently',
    ...kind,
    params: object(
      {
        maxSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Oldest acceptable last scrape' },
        jobs: stringList('Only these jobs'),
      },
      { required: ['maxSeconds'] },
    ),
    run: (ctx, t, p) => prometheusScrapeAge(monitoringApi(ctx, t), p, ctx.options.now),
  }),
  defineProbe<'monitoring', RulesParams>({
    name: 'prometheus.rules',
    subjects: true,
    summary: 'Rules are loaded and each evaluates without error (group/rule)',
    ...kind,
    params: object({ groups: stringList('Rule groups that must be loaded (only they are judged)') }),
    run: (ctx, t, p) => prometheusRules(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', AlertsParams>({
    name: 'prometheus.alerts',
    subjects: true,
    summary: 'Each named alert is not firing, or (the dead-man’s switch) is firing',
    ...kind,
    params: object(
      {
        notFiring: stringList('Alert names that must not be firing'),
        firing: stringList('Alert names that must be firing, e.g. Watchdog'),
      },
      { minProperties: 1 },
    ),
    run: (ctx, t, p) => prometheusAlerts(monitoringApi(ctx, t), p),
  }),
  defineProbe<'monitoring', RetentionParams>({
    name: 'prometheus.retention',
    summary: 'TSDB retention is at least N days',
    ...kind,
    params: object(
      { minDays: { type: 'number', exclusiveMinimum: 0, description: 'Minimum retention in days' } },
      { required: ['minDays'] },
    ),
    run: (ctx, t, p) => prometheusRetention(monitoringApi(ctx, t), p),
  }),
  defineProbe<'monitoring', ExpressionParams>({
    name: 'prometheus.expression',
    summary: 'A PromQL expression holds (non-empty, or each series compared to a value)',
    ...kind,
    params: object(
      {
        query: { type: 'string', minLength: 1, description: 'PromQL instant query, e.g. up{job="node"}' },
        expect: {
          description: "'non-empty', or {op, value, each} compared per series (each defaults to true)",
          oneOf: [
            { const: 'non-empty' },
            object(
              {
                op: { enum: ['==', '!=', '>', '>=', '<', '<='] },
                value: { type: 'number' },
                each: { type: 'boolean' },
              },
              { required: ['op', 'value'] },
            ),
          ],
        },
        minSeries: {
          type: 'integer',
          minimum: 1,
          description: 'At least this many series (e.g. one per host)',
        },
      },
      { required: ['query', 'expect'] },
    ),
    validateParams: monitoringParamsChecks['prometheus.expression'],
    run: (ctx, t, p) => prometheusExpression(monitoringApi(ctx, t), p),
  }),
];
