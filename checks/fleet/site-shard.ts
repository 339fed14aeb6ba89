/**
 * A site answers from the shard the control plane assigns: the shard named by the site's
 * response header (X-Shard) against the site's `shard-*` group, which the control-plane
 * source set from the control plane's own tenant → shard mapping.
 */
import type { EndpointEntry } from '../../policies/types.ts';
import { fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { HttpTransport } from '../transport/http.ts';

export interface SiteShardParams {
  /** Response header naming the serving shard (default x-shard). */
  header?: string;
  /** Prefix of the group holding the assigned shard (default `shard-`). */
  groupPrefix?: string;
}

/** @example await siteShard(http, { name: 'acme.example', url: 'https://acme.example/', groups: ['shard-017'] }, {}) */
export async function siteShard(
  http: HttpTransport,
  site: EndpointEntry,
  p: SiteShardParams,
): Promise<ProbeResult> {
  const header = (p.header ?? 'x-shard').toLowerCase();
  const prefix = p.groupPrefix ?? 'shard-';
  const assigned = (site.groups ?? []).filter((g) => g.startsWith(prefix));
  const evidence = { source: site.url, expected: assigned.length === 1 ? assigned[0] : assigned, header };
  if (assigned.length !== 1)
    return inconclusive(
      `${site.name}: ${assigned.length ? 'several' : 'no'} ${prefix}* groups, so no assigned shard to compare with`,
      evidence,
    );
  let served: string | undefined;
  try {
    const res = await http.request({ url: site.url, method: 'GET', maxBodyBytes: 1024 });
    served = res.headers[header];
  } catch (err) {
    return fromError(err, evidence);
  }
  const observed = { ...evidence, observed: served ?? null };
  if (!served) return inconclusive(`${site.name}: no ${header} header in the answer`, observed);
  if (served === assigned[0]) return pass(`${site.name}: served by ${served}, as assigned`, observed);
  return fail(`${site.name}: served by ${served}, but the control plane assigns ${assigned[0]}`, observed);
}
