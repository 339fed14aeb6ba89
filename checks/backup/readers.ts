/**
 * Picks the reader and transport for an inventory backup: its host over SSH when `host` is set,
 * else the machine running the audit.
 */

import type { BackupEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { CommandTransport } from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { LocalTransport } from '../transport/local.ts';
import { borgReader } from './borg.ts';
import { directoryReader } from './directory.ts';
import { BackupReadError, type BackupReader } from './reader.ts';
import { resticReader } from './restic.ts';

const READERS = { directory: directoryReader, restic: resticReader, borg: borgReader } as const;

/** The transport to the machine holding the backup. */
export function backupTransport(ctx: ProbeContext, backup: BackupEntry): CommandTransport {
  if (!backup.host) {
    return ctx.shared(
      'backup:audit-machine',
      () => new LocalTransport('local', { timeoutMs: ctx.options.timeoutMs }),
    );
  }
  const host = ctx.policy.inventory.hosts.find((h) => h.name === backup.host);
  if (!host)
    throw new BackupReadError(`backup ${backup.name}: no host named "${backup.host}" in the inventory`);
  return commandTransport(ctx, host);
}

/** @example const { reader, transport } = backupReader(ctx, backup) */
export function backupReader(
  ctx: ProbeContext,
  backup: BackupEntry,
): { reader: BackupReader; transport: CommandTransport } {
  const transport = backupTransport(ctx, backup);
  // Policy-relative paths make sense only on the audit machine; a host's path is taken as written.
  const path = backup.host ? backup.path : ctx.path(backup.path);
  const password = ctx.secret(backup.password);
  if (backup.password && password === undefined) {
    throw new BackupReadError(
      `backup ${backup.name}: its password (${JSON.stringify(backup.password)}) is not set`,
    );
  }
  const reader = READERS[backup.kind]({ transport, path, password });
  // Age, retention, size and the drill all start from the same listing: read it once per run.
  const list = () => ctx.shared(`backup-snapshots:${backup.name}`, () => reader.list());
  return { reader: { ...reader, list }, transport };
}
