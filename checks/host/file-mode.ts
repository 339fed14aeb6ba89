/**
 * Secrets must not be readable by everyone: mode bits within a maximum, optional owner and
 * group. One file (`path`), or several (`paths`, globs expanded on the host) with one subject
 * per file.
 */
import { type Evidence, fail, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { exitText, guarded, ReadError, sourceOf } from './read.ts';

export interface FileModeParams {
  /** One file: the result is about it. */
  path?: string;
  /** Several files or globs (`/var/www/*\/wp-config.php`): one subject per file. */
  paths?: string[];
  /** Octal, e.g. '640': any permission bit outside it fails. */
  maxMode: string;
  owner?: string;
  group?: string;
}

const STAT_FORMAT = '%a %U %G';

/**
 * One stat per file. For `paths`, each pattern is a variable expanded unquoted with IFS empty
 * (pathname expansion only, nothing executed), answering `ok<TAB>PATH<TAB>MODE OWNER GROUP` or
 * `err<TAB>PATH<TAB>MESSAGE` per file.
 */
export function fileModeCommands(p: FileModeParams): Command[] {
  if (p.paths?.length)
    return [
      sh`IFS=; for p in ${p.paths}; do for f in $p; do if s=$(stat -L -c ${STAT_FORMAT} -- "$f" 2>&1); then printf 'ok\\t%s\\t%s\\n' "$f" "$s"; else printf 'err\\t%s\\t%s\\n' "$f" "$s"; fi; done; done`,
    ];
  return [sh`stat -L -c ${STAT_FORMAT} -- ${p.path ?? ''}`];
}

function judge(path: string, statLine: string, p: FileModeParams, evidence: Evidence): ProbeResult {
  const [mode, owner, group] = statLine.trim().split(' ');
  if (!/^[0-7]{1,4}$/.test(mode ?? '') || !owner || !group)
    throw new ReadError(`unexpected stat output for ${path}: ${JSON.stringify(statLine.slice(0, 80))}`);
  const extra = Number.parseInt(mode, 8) & ~Number.parseInt(p.maxMode, 8) & 0o7777;
  const problems = [
    extra ? `mode ${mode} grants ${extra.toString(8).padStart(3, '0')} beyond ${p.maxMode}` : '',
    p.owner && owner !== p.owner ? `owner ${owner}, expected ${p.owner}` : '',
    p.group && group !== p.group ? `group ${group}, expected ${p.group}` : '',
  ].filter(Boolean);
  const ev = { ...evidence, observed: { mode, owner, group } };
  return problems.length
    ? fail(`${path}: ${problems.join('; ')}`, ev)
    : pass(`${path} is ${mode} ${owner}:${group}`, ev);
}

/** A stat failure: a literal path that does not exist fails; anything unreadable is an error. */
function statFailure(path: string, message: string, evidence: Evidence): ProbeResult {
  const ev = { ...evidence, observed: null };
  if (/[*?[]/.test(path))
    return inconclusive(`no file matches ${path} (or a directory on the way cannot be read): ${message}`, ev);
  if (/No such file/.test(message)) return fail(`${path} does not exist`, ev);
  return inconclusive(`cannot stat ${path}: ${message.split(': ').pop() || message}`, ev);
}

/**
 * Checks files' permission bits against `maxMode`, and their owner and group when given.
 * @example await fileMode(ssh, { paths: ['/etc/shadow', '/var/www/*\/wp-config.php'], maxMode: '640' })
 */
export async function fileMode(t: CommandTransport, p: FileModeParams): Promise<ProbeResult> {
  const [command] = fileModeCommands(p);
  const source = sourceOf(t, command);
  const expected = {
    maxMode: p.maxMode,
    ...(p.owner ? { owner: p.owner } : {}),
    ...(p.group ? { group: p.group } : {}),
  };
  return guarded(source, async () => {
    const r = await t.run(command);
    const evidence: Evidence = { expected, source };
    if (!p.paths?.length) {
      const path = p.path ?? '';
      let result: ProbeResult;
      try {
        result =
          r.exitCode === 0
            ? judge(path, r.stdout, p, evidence)
            : statFailure(path, r.stderr.trim() || exitText(r.exitCode), evidence);
      } catch (err) {
        throw err instanceof ReadError ? new ReadError(`${t.host}: ${err.message}`) : err;
      }
      if (result.outcome === 'error') throw new ReadError(`${t.host}: ${result.message}`);
      return { ...result, message: `${t.host}: ${result.message}` };
    }
    if (r.exitCode !== 0)
      throw new ReadError(`${t.host}: cannot list files: ${r.stderr.trim() || exitText(r.exitCode)}`);
    const subjects = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [tag, path, rest] = line.split('\t');
        if ((tag !== 'ok' && tag !== 'err') || path === undefined || rest === undefined)
          throw new ReadError(
            `${t.host}: unexpected answer listing files: ${JSON.stringify(line.slice(0, 80))}`,
          );
        if (tag === 'err') return subject(path, statFailure(path, rest, evidence));
        try {
          return subject(path, judge(path, rest, p, evidence));
        } catch (err) {
          if (!(err instanceof ReadError)) throw err;
          return subject(path, inconclusive(err.message, { ...evidence, observed: null }));
        }
      });
    if (!subjects.length) throw new ReadError(`${t.host}: listing ${p.paths.join(', ')} gave no answer`);
    return perSubject(t.host, 'files', subjects, evidence);
  });
}
