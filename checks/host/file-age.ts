/** Freshness of backups and logs: the newest file under a path must be younger than a maximum age. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { exitText, guarded, ReadError, sourceOf } from './read.ts';

export interface FileAgeParams {
  /** Absolute path of a file or a directory searched recursively. */
  path: string;
  maxAgeHours: number;
  /** Only files whose name matches this glob (find -name), e.g. `*.tar.zst`. */
  pattern?: string;
}

export function fileAgeCommands(p: FileAgeParams): Command[] {
  // %T@ is the mtime in epoch seconds; one line per file, newest picked here, not on the target.
  return p.pattern
    ? [sh`find ${p.path} -type f -name ${p.pattern} -printf ${'%T@\\t%p\\n'}`]
    : [sh`find ${p.path} -type f -printf ${'%T@\\t%p\\n'}`];
}

/** The newest `{mtime, path}` in `find -printf '%T@\t%p\n'` output; throws for a line of another shape. */
export function newestFile(text: string): { mtime: number; path: string } | undefined {
  let newest: { mtime: number; path: string } | undefined;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const mtime = Number(line.slice(0, tab));
    if (tab <= 0 || !/^\d+(\.\d+)?$/.test(line.slice(0, tab)) || !Number.isFinite(mtime))
      throw new ReadError(`unexpected find output: ${JSON.stringify(line.slice(0, 80))}`);
    if (!newest || mtime > newest.mtime) newest = { mtime, path: line.slice(tab + 1) };
  }
  return newest;
}

/**
 * Checks that the newest file under `path` is younger than `maxAgeHours`.
 * @example await fileAge(ssh, { path: '/var/backups/db', maxAgeHours: 26, pattern: '*.sql.gz' }, new Date())
 */
export async function fileAge(
  t: CommandTransport,
  p: FileAgeParams,
  now: Date = new Date(),
): Promise<ProbeResult> {
  const [command] = fileAgeCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await t.run(command);
    const expected = {
      maxAgeHours: p.maxAgeHours,
      path: p.path,
      ...(p.pattern ? { pattern: p.pattern } : {}),
    };
    if (r.exitCode !== 0 && /No such file or directory/.test(r.stderr) && !r.stdout) {
      return fail(`${t.host}: ${p.path} does not exist`, { observed: null, expected, source });
    }
    let newest: ReturnType<typeof newestFile>;
    try {
      newest = newestFile(r.stdout);
    } catch (err) {
      throw err instanceof ReadError ? new ReadError(`${t.host}: ${err.message}`) : err;
    }
    if (r.exitCode !== 0 && !newest) {
      throw new ReadError(
        `${t.host}: cannot list ${p.path}: ${r.stderr.trim().split('\n')[0] || exitText(r.exitCode)}`,
      );
    }
    if (!newest) {
      return fail(`${t.host}: no file${p.pattern ? ` matching ${p.pattern}` : ''} under ${p.path}`, {
        observed: null,
        expected,
        source,
      });
    }
    const ageHours = Math.round(((now.getTime() / 1000 - newest.mtime) / 3600) * 100) / 100;
    // Part of the tree could not be read: a fresher file may be in it, so "too old" is unknown.
    if (r.exitCode !== 0 && ageHours > p.maxAgeHours)
      throw new ReadError(
        `${t.host}: cannot read all of ${p.path} (${r.stderr.trim().split('\n')[0] || exitText(r.exitCode)}); the newest readable file is ${ageHours} h old`,
      );
    const evidence = {
      observed: { ageHours, newest: newest.path, modified: new Date(newest.mtime * 1000).toISOString() },
      expected,
      source,
      ...(r.exitCode !== 0 ? { warning: r.stderr.trim().split('\n')[0] } : {}),
    };
    return ageHours > p.maxAgeHours
      ? fail(
          `${t.host}: newest file under ${p.path} is ${ageHours} h old (max ${p.maxAgeHours} h): ${newest.path}`,
          evidence,
        )
      : pass(
          `${t.host}: newest file under ${p.path} is ${ageHours} h old (max ${p.maxAgeHours} h)`,
          evidence,
        );
  });
}
