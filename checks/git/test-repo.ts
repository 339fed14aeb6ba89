/** GitRepos over the local machine for tests, as resolveRepo builds them for a local path. */
import type { Command, CommandTransport } from '../transport/command.ts';
import { LocalTransport } from '../transport/local.ts';
import type { GitRepo } from './repo.ts';

export function localRepo(path: string, timeoutMs = 10_000): GitRepo {
  return { transport: new LocalTransport('local', { timeoutMs }), path, source: `local:${path}` };
}

/**
 * A local repository whose commands run inside `wrap` (another user through setpriv, a PATH
 * without git, a delay): the probe's own commands meet a real fault of the machine.
 * @example wrappedRepo(dir, (script) => `PATH=/nonexistent; ${script}`)
 */
export function wrappedRepo(path: string, wrap: (script: string) => string, timeoutMs = 10_000): GitRepo {
  const local = new LocalTransport('local', { timeoutMs });
  const transport: CommandTransport = {
    host: 'local',
    run: (command: Command, options) => local.run({ ...command, script: wrap(command.script) }, options),
    close: () => local.close(),
  };
  return { transport, path, source: `local:${path}` };
}
