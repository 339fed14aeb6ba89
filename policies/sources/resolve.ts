/**
 * Resolves a policy's `inventory.sources`: after the policy validated, before any selector is
 * checked or any check runs. Once per run: the loader does it, and the run's global setup and
 * reporter share the loaded policy (policies/current.ts). Each source's entries get its defaults and
 * groups (and the source's own name as a group), are validated against the inventory schema,
 * and any failure is one problem naming the source. With READYSPEC_INVENTORY=<file> the
 * resolved inventory is written there on the first run and read back by the next ones (the
 * shards and the merge job of one CI run then audit the same inventory).
 */
import { ansibleSource } from './ansible.ts';
import { httpSource } from './http-json.ts';
import { prometheusSource } from './prometheus.ts';
import { readSnapshot, sourceDigest, writeSnapshot } from './snapshot.ts';
import { sshConfigSource } from './ssh-config.ts';
import { traefikSource } from './traefik.ts';
import { type InventorySource, type Resolved, type SourceContext, SourceError } from './types.ts';

const READERS: { [K in InventorySource['kind']]: (s: never, ctx: SourceContext) => Promise<Resolved> } = {
  http: httpSource,
  ansible: ansibleSource,
  'ssh-config': sshConfigSource,
  traefik: traefikSource,
  prometheus: prometheusSource,
};

export interface ResolvedSource extends Resolved {
  name: string;
  kind: InventorySource['kind'];
  /** Where it was read: `live` (this run) or the snapshot file. */
  from: string;
  durationMs: number;
}

/** Describes a source for messages: `inventory source "cp" (http http://cp/tenants)`. */
export function describeSource(s: InventorySource): string {
  const where = 'url' in s ? s.url : 'path' in s ? (s.path ?? '~/.ssh/config') : '';
  return `inventory source "${s.name}" (${s.kind}${where ? ` ${where}` : ''})`;
}

/**
 * Reads every source (in order; one at a time, so one slow API shows as that source).
 * @example const { resolved, failures } = await resolveSources(policy.sources, ctx)
 */
export async function resolveSources(
  sources: readonly InventorySource[],
  ctx: SourceContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ resolved: ResolvedSource[]; failures: { source: InventorySource; message: string }[] }> {
  const snapshotFile = env.READYSPEC_INVENTORY;
  const snapshot = snapshotFile ? readSnapshot(snapshotFile) : undefined;
  const resolved: ResolvedSource[] = [];
  const failures: { source: InventorySource; message: string }[] = [];
  for (const source of sources) {
    const digest = sourceDigest(source, ctx.baseDir);
    const started = performance.now();
    const fromSnapshot = snapshot?.get(digest);
    const from = fromSnapshot ? (snapshotFile as string) : 'live';
    try {
      const got = fromSnapshot ?? (await READERS[source.kind](source as never, ctx));
      resolved.push({
        ...got,
        name: source.name,
        kind: source.kind,
        from,
        durationMs: performance.now() - started,
      });
    } catch (err) {
      const message = err instanceof SourceError ? err.message : `${(err as Error).message}`;
      failures.push({ source, message });
    }
  }
  if (snapshotFile && !snapshot && failures.length === 0)
    writeSnapshot(snapshotFile, sources, resolved, ctx.baseDir);
  return { resolved, failures };
}
