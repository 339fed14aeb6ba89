/** Log-rotation and certificate-renewal probes wired to `host` targets. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { guarded, sourceOf } from '../host/read.ts';
import type { Directive } from '../nginx/parse.ts';
import { nginxCommand, readNginx } from '../nginx/read.ts';
import { absolutePathSchema, objectSchema, stringsSchema } from '../params-schema.ts';
import { type ProbeResult, perSubject, type SubjectResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { commandTransport } from '../transport/hosts.ts';
import { type LogrotateParams, type LogrotateView, logrotateCommand, readLogrotate } from './logrotate.ts';
import { type NamedLog, type NamedLogsParams, namedLogs } from './named-logs.ts';
import { logsParamsChecks } from './params-checks.ts';
import {
  judgeRenewalConfigs,
  type RenewalConfigParams,
  readRenewalConfigs,
  renewalConfigCommand,
  renewalScheduled,
  type ScheduleParams,
  scheduleCommands,
} from './renewal.ts';
import { judgeCoverage, judgeRecency, type RecencyParams } from './rotation.ts';

const logParams = {
  sources: {
    type: 'array',
    items: { enum: ['nginx', 'php-fpm'] },
    description: 'Configurations that name the logs (default both)',
  },
  nginxConfig: absolutePathSchema('nginx.conf (default /etc/nginx/nginx.conf)'),
  fpmConfig: absolutePathSchema('php-fpm.conf (default /etc/php/8.2/fpm/php-fpm.conf)'),
  extraLogs: {
    type: 'array',
    items: { type: 'string', pattern: '^/' },
    description: 'More log files that must be rotated',
  },
  logrotateConfig: absolutePathSchema('logrotate.conf (default /etc/logrotate.conf)'),
  state: absolutePathSchema('logrotate state file (default /var/lib/logrotate/status)'),
};

type RotationParams = NamedLogsParams & LogrotateParams & RecencyParams;

function rotationProbe(
  judge: (logs: NamedLog[], view: LogrotateView, p: RotationParams, now: Date) => SubjectResult[],
) {
  return async (ctx: ProbeContext, host: HostEntry, params: RotationParams): Promise<ProbeResult> => {
    const p = params ?? {};
    const t = commandTransport(ctx, host);
    const source = sourceOf(t, logrotateCommand(p));
    return guarded(source, async () => {
      const [logs, view] = await Promise.all([namedLogs(ctx, t, p), readLogrotate(t, p)]);
      return perSubject(t.host, 'log files', judge(logs, view, p, ctx.options.now), { source });
    });
  };
}

/** Every ssl_certificate of the effective nginx configuration, once. */
function servedCertificates(config: Directive[]): string[] {
  const out = new Set<string>();
  const walk = (ds: Directive[]) => {
    for (const d of ds) {
      if (d.name === 'ssl_certificate' && d.args[0] && !d.args[0].startsWith('data:')) out.add(d.args[0]);
      if (d.block) walk(d.block);
    }
  };
  walk(config);
  return [...out];
}

const rotationPlan = (_h: HostEntry, p: RotationParams) => [logrotateCommand(p ?? {})];

export const logsProbes = [
  defineProbe({
    name: 'logs.rotation-coverage',
    summary:
      'Every log file named in the nginx and PHP-FPM configurations is covered by a logrotate rule (one subject per log file)',
    target: 'host',
    subjects: true,
    params: objectSchema(logParams),
    run: rotationProbe((logs, view) => judgeCoverage(logs, view)),
    plan: rotationPlan,
  }),
  defineProbe({
    name: 'logs.rotation-recent',
    summary:
      'No named log is overdue for rotation by more than its interval plus a grace (logrotate -d, one subject per log file)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...logParams,
      graceHours: {
        type: 'number',
        minimum: 0,
        description: "Hours past a rule's interval allowed (default 24)",
      },
    }),
    run: rotationProbe(judgeRecency),
    plan: rotationPlan,
  }),
  defineProbe({
    name: 'logs.renewal-scheduled',
    summary:
      'Certificate renewal is scheduled: a cron entry that renews (certbot, acme.sh, lego) or an enabled certbot timer',
    target: 'host',
    params: objectSchema({
      cronPaths: {
        type: 'array',
        items: { type: 'string', pattern: '^/' },
        description:
          'Cron files and directories (default /etc/crontab, /etc/cron.d, /var/spool/cron/crontabs)',
      },
      timer: { type: 'string', pattern: '^[\\w@.-]+$', description: 'systemd timer (default certbot.timer)' },
    }),
    run: (ctx, host: HostEntry, p: ScheduleParams) => {
      const t = commandTransport(ctx, host);
      return guarded(sourceOf(t, scheduleCommands(p ?? {})[0]), () => renewalScheduled(t, p ?? {}));
    },
    plan: (_h: HostEntry, p: ScheduleParams) => scheduleCommands(p ?? {}),
  }),
  defineProbe({
    name: 'logs.renewal-configs',
    summary:
      'Every certificate nginx serves has a renewal configuration (/etc/letsencrypt/renewal/*.conf; one subject per certificate)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      nginxConfig: absolutePathSchema('nginx.conf (default /etc/nginx/nginx.conf)'),
      renewalDir: absolutePathSchema('Renewal configurations (default /etc/letsencrypt/renewal)'),
      certificates: stringsSchema('Globs of served certificates that must be renewed (default all)'),
    }),
    validateParams: logsParamsChecks['logs.renewal-configs'],
    run: async (ctx, host: HostEntry, params: RenewalConfigParams & { nginxConfig?: string }) => {
      const p = params ?? {};
      const t = commandTransport(ctx, host);
      const source = sourceOf(t, renewalConfigCommand(p));
      return guarded(source, async () => {
        const nginx = await readNginx(ctx, t, p.nginxConfig ? { config: p.nginxConfig } : {});
        const configs = await readRenewalConfigs(t, p);
        return perSubject(
          t.host,
          'served certificates',
          judgeRenewalConfigs(servedCertificates(nginx.config), configs, p, source),
          { source },
        );
      });
    },
    plan: (_h: HostEntry, p: RenewalConfigParams & { nginxConfig?: string }) => [
      nginxCommand(p?.nginxConfig ? { config: p.nginxConfig } : {}, '-T'),
      renewalConfigCommand(p ?? {}),
    ],
  }),
];
