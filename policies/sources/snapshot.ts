/**
 * The resolved inventory in a file, keyed by a digest of each source's definition: a snapshot
 * written by one run is read only for the same source definitions (a changed URL or mapping
 * resolves again), so a CI run's shards and merge job audit one inventory even when the
 * control plane changes while they run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { InventorySource, Resolved } from './types.ts';

const VERSION = 1;

/**
 * Stable JSON (sorted keys) of the definition alone: the same policy checked out elsewhere (a
 * CI runner's workspace) names the same source.
 */
export function sourceDigest(source: InventorySource, _baseDir: string): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(stable(source)))
    .digest('hex');
}

export function readSnapshot(file: string): Map<string, Resolved> | undefined {
  if (!existsSync(file)) return undefined;
  let data: {
    version?: number;
    sources?: { digest: string; hosts: never[]; endpoints: never[]; notes: string[] }[];
  };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`READYSPEC_INVENTORY ${file}: not a resolved inventory (${(err as Error).message})`);
  }
  if (data.version !== VERSION || !Array.isArray(data.sources))
    throw new Error(`READYSPEC_INVENTORY ${file}: not a version ${VERSION} resolved inventory`);
  return new Map(
    data.sources.map((s) => [s.digest, { hosts: s.hosts, endpoints: s.endpoints, notes: s.notes }]),
  );
}

export function writeSnapshot(
  file: string,
  sources: readonly InventorySource[],
  resolved: readonly (Resolved & { name: string })[],
  baseDir: string,
): void {
  const body = {
    version: VERSION,
    sources: sources.map((s, i) => ({
      name: s.name,
      digest: sourceDigest(s, baseDir),
      hosts: resolved[i]?.hosts ?? [],
      endpoints: resolved[i]?.endpoints ?? [],
      notes: resolved[i]?.notes ?? [],
    })),
  };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(body));
  renameSync(temp, file);
}
