/**
 * Judgements over the server as a whole: where it accepts TCP connections (bind_address,
 * skip_networking) and whether its version is recent enough.
 */
import semver from 'semver';
import { compileRanges, inRanges, isWildcard, LOOPBACK_RANGES, parseAddress } from '../address.ts';
import { fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { ServerSnapshot } from './snapshot.ts';

export interface BindAddressParams {
  /** Ranges the server may listen on: CIDR, addresses, 'loopback', 'private' (default loopback). */
  allowAddresses?: string[];
}

/**
 * The server listens only on allowed addresses, or has TCP networking off.
 * @example bindAddress('db1', snapshot, { allowAddresses: ['loopback', '10.0.0.0/8'] })
 */
export function bindAddress(target: string, s: ServerSnapshot, p: BindAddressParams = {}): ProbeResult {
  if (!s.variables.ok)
    return inconclusive(`${target}: cannot read MariaDB's variables: ${s.variables.error}`, {
      source: s.source,
    });
  const v = s.variables.value;
  const allowed = p.allowAddresses ?? LOOPBACK_RANGES;
  const evidence = { source: s.source, observed: { ...v }, expected: { allowAddresses: allowed } };
  if (v.skip_networking === 'ON') return pass(`${target}: TCP networking is off (skip_networking)`, evidence);
  const raw = v.bind_address;
  if (raw === undefined) return inconclusive(`${target}: the server reported no bind_address`, evidence);
  const ranges = compileRanges(allowed);
  const addresses = raw.split(',').map((a) => a.trim());
  const problems: string[] = [];
  for (const a of addresses) {
    if (isWildcard(a)) problems.push(`${a || '(empty)'} is every address of the host`);
    else if (a === 'localhost') continue;
    else if (!parseAddress(a))
      return inconclusive(
        `${target}: bind_address ${a} is a name, not an address: cannot judge it`,
        evidence,
      );
    else if (!inRanges(a, ranges)) problems.push(`${a} is outside ${allowed.join(', ')}`);
  }
  return problems.length
    ? fail(`${target}: MariaDB listens on port ${v.port ?? '?'} at ${problems.join('; ')}`, evidence)
    : pass(`${target}: MariaDB listens only on ${raw} (port ${v.port ?? '?'})`, evidence);
}

export interface VersionParams {
  /** Oldest acceptable server version, e.g. '10.11.6'. */
  minVersion: string;
}

/**
 * The server version is at least `minVersion` (compared as versions: 10.11.19-MariaDB-0+deb12u1 → 10.11.19).
 * @example serverVersion('db1', snapshot, { minVersion: '10.6.0' })
 */
export function serverVersion(target: string, s: ServerSnapshot, p: VersionParams): ProbeResult {
  if (!s.version.ok)
    return inconclusive(`${target}: cannot read the server version: ${s.version.error}`, {
      source: s.source,
    });
  const reported = s.version.value;
  const version = semver.coerce(reported);
  const minimum = semver.coerce(p.minVersion);
  const evidence = { source: s.source, observed: reported, expected: `>= ${p.minVersion}` };
  if (!version)
    return inconclusive(
      `${target}: cannot read a version in ${JSON.stringify(reported.slice(0, 80))}`,
      evidence,
    );
  if (!minimum)
    throw new Error(`readyspec: minVersion ${p.minVersion} is not a version (validation should refuse it)`);
  return semver.gte(version, minimum)
    ? pass(`${target}: MariaDB ${reported} (>= ${p.minVersion})`, evidence)
    : fail(`${target}: MariaDB ${reported} is older than ${p.minVersion}`, evidence);
}
