/** Backup and DR probes: age, retention, size, playbooks, restore drill. */
import type { BackupEntry, HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { objectSchema } from '../params-schema.ts';
import { fromError, type ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import type { CommandTransport } from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { type AgeParams, backupAge } from './age.ts';
import { backupParamsChecks } from './params-checks.ts';
import { countPlaybooks, type PlaybooksParams } from './playbooks.ts';
import type { BackupReader } from './reader.ts';
import { backupReader } from './readers.ts';
import { type DrillParams, restoreDrill } from './restore-drill.ts';
import { backupRetention, type RetentionParams } from './retention.ts';
import { type SiteBackupsParams, siteBackups, siteBackupsCommand } from './sites.ts';
import { backupSize, type SizeParams } from './size.ts';

type Use = (reader: BackupReader, transport: CommandTransport) => Promise<ProbeResult>;

/** Runs `use` with the backup's reader; a missing host or password is an `error` naming it. */
async function withReader(ctx: ProbeContext, backup: BackupEntry, use: Use): Promise<ProbeResult> {
  let opened: ReturnType<typeof backupReader>;
  try {
    opened = backupReader(ctx, backup);
  } catch (err) {
    return fromError(err, { source: backup.path });
  }
  return use(opened.reader, opened.transport);
}

const object = (required: string[], properties: Record<string, unknown>) =>
  objectSchema(properties, required);

export const backupProbes = [
  defineProbe<'backup', AgeParams>({
    name: 'backup.age',
    summary: 'The newest backup is at most N hours old',
    target: 'backup',
    params: object(['maxAgeHours'], {
      maxAgeHours: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Oldest acceptable newest backup, in hours.',
      },
    }),
    run: (ctx, b, p) => withReader(ctx, b, (r) => backupAge(r, p, ctx.options.now)),
  }),
  defineProbe<'backup', RetentionParams>({
    name: 'backup.retention',
    summary: 'The number of kept backups lies within [min, max]',
    target: 'backup',
    params: object(['min'], {
      min: { type: 'integer', minimum: 0, description: 'Fewest backups kept.' },
      max: { type: 'integer', minimum: 0, description: 'Most backups kept (pruning works).' },
    }),
    validateParams: backupParamsChecks['backup.retention'],
    run: (ctx, b, p) => withReader(ctx, b, (r) => backupRetention(r, p)),
  }),
  defineProbe<'backup', SizeParams>({
    name: 'backup.size',
    summary: 'The newest backup is not empty and not much smaller than the previous one',
    target: 'backup',
    params: object(['maxShrinkPercent'], {
      minBytes: {
        type: 'integer',
        minimum: 0,
        description: 'Smallest acceptable newest backup (default 1).',
      },
      maxShrinkPercent: {
        type: 'number',
        minimum: 0,
        maximum: 100,
        description: 'Largest acceptable drop, percent.',
      },
    }),
    run: (ctx, b, p) => withReader(ctx, b, (r) => backupSize(r, p)),
  }),
  defineProbe<'backup', DrillParams>({
    name: 'backup.restore-drill',
    summary: 'Restoring the newest backup brings back the listed files within the RTO',
    target: 'backup',
    active: true,
    deadlineMs: 4 * 3_600_000,
    params: object(['rtoSeconds', 'files'], {
      rtoSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Recovery time objective, seconds.' },
      files: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Paths that must exist after the restore, relative to the restore root.',
      },
      scratchDir: {
        type: 'string',
        description: 'Parent of the scratch directory (default $TMPDIR or /tmp).',
      },
    }),
    run: (ctx, b, p) => withReader(ctx, b, (r, t) => restoreDrill(t, r, p, ctx.options.timeoutMs)),
  }),
  defineProbe<'document', PlaybooksParams>({
    name: 'dr.playbooks',
    summary: 'At least N DR playbooks under the document directory',
    target: 'document',
    params: object(['glob'], {
      glob: { type: 'string', description: 'Playbook files under the directory, e.g. dr/**/*.md.' },
      min: { type: 'integer', minimum: 0, description: 'Fewest playbooks acceptable (default 1).' },
    }),
    validateParams: backupParamsChecks['dr.playbooks'],
    run: (ctx, doc, p) => countPlaybooks(ctx.path(doc.path), p),
  }),
  defineProbe<'host', SiteBackupsParams>({
    name: 'backup.sites',
    summary:
      'Each site has its own backup directory with a recent, whole database dump and files archive (one subject per site)',
    target: 'host',
    subjects: true,
    params: object(['sites', 'directory', 'maxAgeHours'], {
      sites: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' },
        description: 'Site names',
      },
      directory: {
        type: 'string',
        pattern: '^/.*\\{site\\}',
        description: 'Backup directory with {site}, e.g. /var/backups/sites/{site}',
      },
      maxAgeHours: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Oldest acceptable newest dump and archive, hours',
      },
    }),
    run: (ctx, host: HostEntry, p) => siteBackups(commandTransport(ctx, host), p, ctx.options.now),
    plan: (_h: HostEntry, p) => [siteBackupsCommand(p)],
  }),
];
