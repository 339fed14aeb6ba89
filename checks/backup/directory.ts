/**
 * A directory of backup files (dumps, tarballs): each file is one backup, its mtime the
 * backup's time. GNU find prints time, size and path in one pass.
 */
import { sh, unique } from '../transport/command.ts';
import { BackupReadError, type BackupReader, type ReaderDeps, runRead } from './reader.ts';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz|tar\.zst)$/i;

/**
 * A backup file's series: its file name up to the first dot, every run of digits (dates, times,
 * sequence numbers) folded. `blog-db-2026-12-01.sql.gz` and `old/blog-db-2026-11-30.sql` are one
 * series, `blog-files-2026-12-01.tar.gz` another; the folder and the format do not split one.
 * @example seriesOf('old/db-2026-12-01T0300.sql.gz') // 'db-#-#-#T#'
 */
export function seriesOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.indexOf('.', 1);
  return (dot === -1 ? name : name.slice(0, dot)).replace(/\d+/g, '#');
}

/** @example await directoryReader({ transport, path: '/var/backups/db' }).list() */
export function directoryReader(d: ReaderDeps): BackupReader {
  return {
    source: `${d.transport.host}:${d.path}`,
    async list() {
      // NUL-terminated: a file name may hold a newline, and every record must parse.
      const out = await runRead(d, sh`find ${d.path} -type f -printf ${'%T@ %s %P\\0'}`);
      return out
        .split('\0')
        .filter(Boolean)
        .map((record) => {
          const m = /^(\d+(?:\.\d+)?) (\d+) ([\s\S]+)$/.exec(record);
          if (!m)
            throw new BackupReadError(`find ${d.path}: unexpected listing entry ${JSON.stringify(record)}`);
          return {
            id: m[3],
            time: new Date(Number(m[1]) * 1000).toISOString(),
            bytes: Number(m[2]),
            series: seriesOf(m[3]),
          };
        })
        .sort((a, b) => a.time.localeCompare(b.time));
    },
    async size(snapshot) {
      return snapshot.bytes ?? 0;
    },
    restore(snapshot, into, timeoutMs) {
      const file = `${d.path}/${snapshot.id}`;
      // A tarball is unpacked so the drill can verify the files inside it; any other file is copied.
      const command = ARCHIVE.test(file) ? sh`tar -xf ${file} -C ${into}` : sh`cp -p ${file} ${into}/`;
      // A restore writes into one drill's scratch directory: never merged with another.
      return d.transport.run(unique(command), { timeoutMs });
    },
  };
}
