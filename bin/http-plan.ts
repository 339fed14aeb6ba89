/**
 * What `plan` lists besides host commands: the network requests each endpoint and monitoring
 * control would make (a GET per http.* check, the service's read API for monitoring checks,
 * a handshake for tls.*). Built from the policy alone; nothing is sent.
 */
import type { ProbeRegistry } from '../checks/registry.ts';
import { TargetIndex } from '../policies/select.ts';
import type { Policy } from '../policies/types.ts';

export interface PlannedRequest {
  target: string;
  control: string;
  method: string;
  url: string;
}

/** @example for (const r of httpRequests(policy, catalog)) console.log(`${r.method} ${r.url}`) */
export function httpRequests(policy: Policy, catalog: ProbeRegistry): PlannedRequest[] {
  const index = new TargetIndex(policy.inventory);
  const out: PlannedRequest[] = [];
  for (const control of policy.controls) {
    const probe = catalog.get(control.check);
    if (control.enabled === false || !probe) continue;
    if (probe.target !== 'endpoint' && probe.target !== 'monitoring') continue;
    for (const target of index.select(control, probe).targets) {
      const url = (target as { url?: string }).url;
      if (!url) continue;
      out.push({
        target: target.name,
        control: control.id,
        method: methodOf(control.check, probe.target),
        url,
      });
    }
  }
  return out;
}

function methodOf(check: string, kind: string): string {
  if (check.startsWith('tls.')) return 'TLS handshake with';
  if (check.startsWith('dns.')) return 'DNS lookup of the host of';
  if (kind === 'monitoring') return `GET (${check.split('.')[0]} read API under)`;
  if (check === 'http.latency') return 'GET (warm-up + samples)';
  return 'GET';
}
