/** A GitRepo over the local machine for tests, as resolveRepo builds it for a local path. */
import { LocalTransport } from '../transport/local.ts';
import type { GitRepo } from './repo.ts';

export function localRepo(path: string, timeoutMs = 10_000): GitRepo {
  return { transport: new LocalTransport('local', { timeoutMs }), path, source: `local:${path}` };
}
