/**
 * borg repositories. `--bypass-lock` keeps the audit read-only; TZ=UTC because borg prints
 * archive times in the local time of the machine it runs on, without an offset. The
 * passphrase travels on stdin into BORG_PASSPHRASE; stdin is always given, so a prompt ends
 * at EOF instead of waiting.
 */
import { type Command, sh, unique } from '../transport/command.ts';
import {
  BackupReadError,
  type BackupReader,
  listOf,
  parseJson,
  type ReaderDeps,
  runRead,
  snapshotOf,
} from './reader.ts';

// A read-only audit may open a repository from another path than the backup client used.
const ENVIRONMENT =
  'export TZ=UTC BORG_RELOCATED_REPO_ACCESS_IS_OK=yes BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes; ';
const PASSPHRASE_FROM_STDIN = 'IFS= read -r BORG_PASSPHRASE; export BORG_PASSPHRASE; ';

interface BorgArchive {
  name: string;
  id: string;
  start?: string;
  time: string;
  stats?: { original_size?: number };
}

/** @example await borgReader({ transport, path: '/srv/borg', password }).list() */
export function borgReader(d: ReaderDeps): BackupReader {
  const prefix = ENVIRONMENT + (d.password === undefined ? '' : PASSPHRASE_FROM_STDIN);
  const wrap = (c: Command): Command => ({
    ...c,
    template: prefix + c.template,
    script: prefix + c.script,
  });
  const stdin = d.password === undefined ? '' : `${d.password}\n`;
  const run = (c: Command) => runRead(d, wrap(c), { stdin });
  return {
    source: `${d.transport.host}:${d.path}`,
    async list() {
      const out = await run(sh`borg list --json --bypass-lock ${d.path}`);
      const answer = parseJson<{ archives?: unknown } | null>(out, 'borg list');
      return listOf(answer?.archives, 'borg list archives')
        .map((raw) => {
          const a = (raw ?? {}) as Partial<BorgArchive>;
          // borg prints local time without an offset; TZ=UTC above makes it UTC.
          const time = a.start ?? a.time;
          return snapshotOf(a.name, typeof time === 'string' ? `${time}Z` : time, 'borg list');
        })
        .sort((a, b) => a.time.localeCompare(b.time));
    },
    async size(snapshot) {
      const out = await run(sh`borg info --json --bypass-lock ${`${d.path}::${snapshot.id}`}`);
      const size = parseJson<{ archives?: BorgArchive[] }>(out, 'borg info').archives?.[0]?.stats
        ?.original_size;
      if (typeof size !== 'number') throw new BackupReadError(`borg info ${snapshot.id}: no original_size`);
      return size;
    },
    restore(snapshot, into, timeoutMs) {
      return d.transport.run(
        unique(wrap(sh`cd ${into} && borg extract --bypass-lock ${`${d.path}::${snapshot.id}`}`)),
        {
          stdin,
          timeoutMs,
        },
      );
    },
  };
}
