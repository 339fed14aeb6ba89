/** The Alertmanager probes a policy's `check:` can name, wired to `monitoring` entries of kind `alertmanager`. */
import { defineProbe } from '../registry.ts';
import { alertmanagerConfig, type ConfigParams } from './alertmanager-config.ts';
import { alertmanagerReady } from './alertmanager-ready.ts';
import { alertmanagerSilences, type SilencesParams } from './alertmanager-silences.ts';
import { alertmanagerTestAlert, type TestAlertParams } from './alertmanager-test-alert.ts';
import { monitoringApi, object, stringList } from './monitoring-api.ts';
import { monitoringParamsChecks } from './params-checks.ts';

const kind = { target: 'monitoring', monitoringKind: 'alertmanager' } as const;

export const alertmanagerProbes = [
  defineProbe<'monitoring', Record<string, never>>({
    name: 'alertmanager.ready',
    summary: 'Alertmanager reports ready',
    ...kind,
    params: object({}),
    run: (ctx, t) => alertmanagerReady(monitoringApi(ctx, t)),
  }),
  defineProbe<'monitoring', ConfigParams>({
    name: 'alertmanager.config',
    summary: 'A route to a defined receiver, and at least one receiver that sends somewhere',
    ...kind,
    params: object({ receivers: stringList('Receivers that must be defined') }),
    run: (ctx, t, p) => alertmanagerConfig(monitoringApi(ctx, t), p ?? {}),
  }),
  defineProbe<'monitoring', SilencesParams>({
    name: 'alertmanager.silences',
    subjects: true,
    summary: 'Each active silence is younger than N days',
    ...kind,
    params: object(
      {
        maxAgeDays: { type: 'number', exclusiveMinimum: 0, description: 'Oldest acceptable active silence' },
      },
      { required: ['maxAgeDays'] },
    ),
    run: (ctx, t, p) => alertmanagerSilences(monitoringApi(ctx, t), p, ctx.options.now),
  }),
  defineProbe<'monitoring', TestAlertParams>({
    name: 'alertmanager.test-alert',
    summary: 'Active: a test alert sent to Alertmanager reaches the receiver (delivery time reported)',
    ...kind,
    active: true,
    // Waiting for delivery may take up to timeoutSeconds (≤ 900 s): more than the default 6 × timeout.
    deadlineMs: 960_000,
    params: object(
      {
        labels: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Extra labels so the test alert takes the route under test',
        },
        receiverCheck: object(
          {
            url: {
              type: 'string',
              pattern: '^https?://',
              description: "GET on the receiver's record of deliveries; {id} becomes the alert's unique id",
            },
          },
          { required: ['url'] },
        ),
        timeoutSeconds: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 900,
          description: 'Wait for delivery (default 60)',
        },
        pollMs: {
          type: 'integer',
          minimum: 50,
          maximum: 10000,
          description: 'Pause between looks (default 250)',
        },
      },
      { required: ['receiverCheck'] },
    ),
    validateParams: monitoringParamsChecks['alertmanager.test-alert'],
    run: (ctx, t, p) => alertmanagerTestAlert(monitoringApi(ctx, t), p),
  }),
];
