/** Secrets must not be readable by everyone: mode bits within a maximum, optional owner and group. */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { guarded, ReadError, sourceOf } from './read.ts';

export interface FileModeParams {
  path: string;
  /** Octal, e.g. '640': any permission bit outside it fails. */
  maxMode: string;
  owner?: string;
  group?: string;
}

export function fileModeCommands(p: FileModeParams): Command[] {
  return [sh`stat -L -c ${'%a %U %G'} -- ${p.path}`];
}

/**
 * Checks a file's permission bits against `maxMode`, and its owner and group when given.
 * @example await fileMode(ssh, { path: '/etc/app/secret.env', maxMode: '640', owner: 'root' })
 */
export async function fileMode(t: CommandTransport, p: FileModeParams): Promise<ProbeResult> {
  const [command] = fileModeCommands(p);
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await t.run(command);
    const expected = {
      maxMode: p.maxMode,
      ...(p.owner ? { owner: p.owner } : {}),
      ...(p.group ? { group: p.group } : {}),
    };
    if (r.exitCode !== 0) {
      if (/No such file/.test(r.stderr))
        return fail(`${t.host}: ${p.path} does not exist`, { observed: null, expected, source });
      throw new ReadError(`${t.host}: cannot stat ${p.path}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    }
    const [mode, owner, group] = r.stdout.trim().split(' ');
    if (!/^[0-7]{1,4}$/.test(mode ?? ''))
      throw new ReadError(`${t.host}: unexpected stat output ${JSON.stringify(r.stdout)}`);
    const extra = Number.parseInt(mode, 8) & ~Number.parseInt(p.maxMode, 8) & 0o7777;
    const problems = [
      extra ? `mode ${mode} grants ${extra.toString(8).padStart(3, '0')} beyond ${p.maxMode}` : '',
      p.owner && owner !== p.owner ? `owner ${owner}, expected ${p.owner}` : '',
      p.group && group !== p.group ? `group ${group}, expected ${p.group}` : '',
    ].filter(Boolean);
    const evidence = { observed: { mode, owner, group }, expected, source };
    return problems.length
      ? fail(`${t.host}: ${p.path}: ${problems.join('; ')}`, evidence)
      : pass(`${t.host}: ${p.path} is ${mode} ${owner}:${group}`, evidence);
  });
}
