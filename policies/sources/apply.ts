/**
 * The loader's side of inventory sources: gathers `inventory.sources` from the policy's
 * files, resolves them (resolve.ts), gives each entry its source's defaults and groups,
 * validates the entries like hand-written ones and adds them to the merged inventory. Every
 * problem names the source; a failing source stops the load before anything is checked.
 */
import type { PolicyProblem } from '../errors.ts';
import type { Merged, PolicyDocument } from '../merge.ts';
import { readSecretRef, registerSecret, rememberResolved } from '../secrets.ts';
import type { SecretRef } from '../types.ts';
import { validateDocumentShape } from '../validate.ts';
import { describeSource, type ResolvedSource, resolveSources } from './resolve.ts';
import { inventoryName } from './template.ts';
import { type InventorySource, SourceError } from './types.ts';

/** What `plan` prints and the run records: each source, what it yielded, from where. */
export interface SourceSummary {
  name: string;
  kind: string;
  from: string;
  hosts: number;
  endpoints: number;
  durationMs: number;
  notes: string[];
}

const MAX_SHOWN = 20;

export function sourcesOf(docs: readonly PolicyDocument[], problems: PolicyProblem[]): InventorySource[] {
  const out: InventorySource[] = [];
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const list = (doc.data.inventory as { sources?: InventorySource[] } | undefined)?.sources ?? [];
    list.forEach((s, i) => {
      const first = seen.get(s.name);
      if (first) {
        problems.push({
          file: doc.file,
          path: `/inventory/sources/${i}`,
          message: `duplicate source name "${s.name}" (first in ${first})`,
        });
        return;
      }
      seen.set(s.name, doc.file);
      out.push(s);
    });
  }
  return out;
}

/** Resolves and adds every source's entries to `merged.inventory`; problems name the source. */
export async function applySources(
  sources: readonly InventorySource[],
  merged: Merged,
  baseDir: string,
  timeoutMs: number,
  problems: PolicyProblem[],
): Promise<SourceSummary[]> {
  if (sources.length === 0) return [];
  const secret = (ref: SecretRef): string => {
    const read = readSecretRef(ref, baseDir);
    if (!read.ok) throw new SourceError('', read.why);
    // Registered before the request that sends it: redaction is in place first.
    rememberResolved(ref, baseDir, read.value);
    registerSecret(read.value);
    return read.value;
  };
  let result: Awaited<ReturnType<typeof resolveSources>>;
  try {
    result = await resolveSources(sources, { baseDir, timeoutMs, secret });
  } catch (err) {
    problems.push({ file: 'READYSPEC_INVENTORY', message: (err as Error).message });
    return [];
  }
  for (const f of result.failures) problems.push({ file: describeSource(f.source), message: f.message });
  if (result.failures.length) return [];
  const byName = new Map(sources.map((s) => [s.name, s]));
  for (const r of result.resolved) add(byName.get(r.name) as InventorySource, r, merged, problems);
  return result.resolved.map((r) => ({
    name: r.name,
    kind: r.kind,
    from: r.from,
    hosts: r.hosts.length,
    endpoints: r.endpoints.length,
    durationMs: Math.round(r.durationMs),
    notes: r.notes,
  }));
}

function add(source: InventorySource, r: ResolvedSource, merged: Merged, problems: PolicyProblem[]): void {
  const file = describeSource(source);
  const extra = [inventoryName(source.name), ...(source.groups ?? [])];
  const withDefaults = <T extends { name: string; groups?: string[] }>(e: T): T => ({
    ...(source.defaults as object),
    ...e,
    groups: [...new Set([...(e.groups ?? []), ...extra])],
  });
  const hosts = r.hosts.map(withDefaults);
  const endpoints = r.endpoints.map(withDefaults);
  const shape = validateDocumentShape({ inventory: { hosts, endpoints } }, file);
  if (shape.length) {
    problems.push(
      ...shape
        .slice(0, MAX_SHOWN)
        .map((p) => ({ ...p, message: `${p.message} (${entryAt(p.path ?? '', hosts, endpoints)})` })),
    );
    if (shape.length > MAX_SHOWN)
      problems.push({ file, message: `${shape.length - MAX_SHOWN} more entries are not valid` });
    return;
  }
  for (const [section, list] of [
    ['hosts', hosts],
    ['endpoints', endpoints],
  ] as const) {
    const taken = new Map(
      merged.inventory[section].map((e) => [e.name, merged.origins.get(e)?.file ?? 'the policy']),
    );
    let dupes = 0;
    list.forEach((entry, i) => {
      const first = taken.get(entry.name);
      if (first !== undefined) {
        if (dupes++ < MAX_SHOWN)
          problems.push({
            file,
            path: `/${section}/${i}`,
            message: `duplicate ${section} name "${entry.name}" (also in ${first})`,
          });
        return;
      }
      taken.set(entry.name, file);
      merged.origins.set(entry, { file, path: `/${section}/${i}` });
      (merged.inventory[section] as unknown[]).push(entry);
    });
    if (dupes > MAX_SHOWN)
      problems.push({ file, message: `${dupes - MAX_SHOWN} more duplicate ${section} names` });
  }
}

/** The name of the entry a schema problem is about, so the operator can find the item in the API. */
function entryAt(path: string, hosts: { name: string }[], endpoints: { name: string }[]): string {
  const m = path.match(/^\/inventory\/(hosts|endpoints)\/(\d+)/);
  if (!m) return 'a resolved entry';
  const e = (m[1] === 'hosts' ? hosts : endpoints)[Number(m[2])];
  return `${m[1] === 'hosts' ? 'host' : 'endpoint'} "${e?.name ?? '?'}"`;
}
