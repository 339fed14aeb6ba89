import { fail, type ProbeResult, pass } from '../probe.ts';
import {
  type BindingRule,
  bindingViolation,
  DEFAULT_ALLOW_ADDRESSES,
  DEFAULT_ALLOW_PORTS,
} from './bindings.ts';
import { judgeContainers, listed, nameList, RUNNING, type Selection } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface PortsParams extends Selection, BindingRule {}

/**
 * Checks that running containers publish ports only on allowed addresses (loopback), except
 * allowlisted ports such as 80 and 443.
 * @example await publishedPorts(src, { allowPorts: [80, 443], allowAddresses: ['127.0.0.1'] })
 */
export function publishedPorts(src: ContainerSource, p: PortsParams): Promise<ProbeResult> {
  return judgeContainers(src, p, RUNNING, (list, evidence) => {
    const bad = list.flatMap((c) =>
      c.ports.map((b) => bindingViolation(b, p)).flatMap((v) => (v ? [{ name: c.name, ...v }] : [])),
    );
    const ev = {
      ...evidence,
      published: list.reduce((n, c) => n + c.ports.length, 0),
      observed: listed(bad),
      expected: {
        allowPorts: p.allowPorts ?? DEFAULT_ALLOW_PORTS,
        allowAddresses: p.allowAddresses ?? DEFAULT_ALLOW_ADDRESSES,
      },
    };
    if (bad.length === 0)
      return pass(`${src.host}: every published port of ${list.length} containers is allowed`, ev);
    const first = bad.slice(0, 3).map((b) => `${b.name} ${b.binding} (${b.reason})`);
    return fail(
      `${src.host}: ${bad.length} disallowed binding(s) on ${nameList(dedupe(bad))}: ${first.join('; ')}`,
      ev,
    );
  });
}

function dedupe(items: { name: string }[]): { name: string }[] {
  return [...new Set(items.map((i) => i.name))].map((name) => ({ name }));
}
