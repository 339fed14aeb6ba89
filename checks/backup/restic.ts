/**
 * restic repositories. `--no-lock`: an audit reads and must not leave lock files in a repository
 * a backup job may be writing. The password travels on stdin into RESTIC_PASSWORD.
 */
import { type Command, sh, unique } from '../transport/command.ts';
import {
  BackupReadError,
  type BackupReader,
  listOf,
  parseJson,
  passwordInput,
  type ReaderDeps,
  runRead,
  snapshotOf,
} from './reader.ts';

const PASSWORD_FROM_STDIN = 'IFS= read -r RESTIC_PASSWORD; export RESTIC_PASSWORD; ';

function withPassword(c: Command): Command {
  return { ...c, template: PASSWORD_FROM_STDIN + c.template, script: PASSWORD_FROM_STDIN + c.script };
}

interface ResticSnapshot {
  id: string;
  short_id?: string;
  time: string;
}

/** @example await resticReader({ transport, path: '/srv/restic', password }).list() */
export function resticReader(d: ReaderDeps): BackupReader {
  const run = (c: Command, timeoutMs?: number) => {
    if (d.password === undefined) {
      throw new BackupReadError(
        `restic repository ${d.path} needs a password: set the backup's password (env or file)`,
      );
    }
    return runRead(d, withPassword(c), { stdin: passwordInput(d), timeoutMs });
  };
  return {
    source: `${d.transport.host}:${d.path}`,
    async list() {
      const out = await run(sh`restic --no-lock -r ${d.path} snapshots --json`);
      // restic prints null for a repository without snapshots.
      const listed = parseJson<unknown>(out, 'restic snapshots') ?? [];
      return listOf(listed, 'restic snapshots')
        .map((raw) => {
          const s = (raw ?? {}) as Partial<ResticSnapshot>;
          return snapshotOf(s.id, s.time, 'restic snapshots');
        })
        .sort((a, b) => a.time.localeCompare(b.time));
    },
    async size(snapshot) {
      const out = await run(sh`restic --no-lock -r ${d.path} stats --json ${snapshot.id}`);
      const stats = parseJson<{ total_size?: number }>(out, 'restic stats');
      if (typeof stats.total_size !== 'number')
        throw new BackupReadError(`restic stats ${snapshot.id}: no total_size`);
      return stats.total_size;
    },
    async restore(snapshot, into, timeoutMs) {
      if (d.password === undefined) throw new BackupReadError(`restic repository ${d.path} needs a password`);
      const command = unique(
        withPassword(sh`restic --no-lock -r ${d.path} restore ${snapshot.id} --target ${into}`),
      );
      return d.transport.run(command, { stdin: passwordInput(d), timeoutMs });
    },
  };
}
