/**
 * The binding rule shared by docker.ports (live engine) and compose.ports (compose files):
 * a published port is bound to an allowed address range (loopback by default: all of
 * 127.0.0.0/8 and ::1), or it is one of the ports allowed to face the network (80, 443, mail…).
 * Addresses are compared as addresses (checks/address.ts), never as text.
 */
import {
  compileRanges,
  inRanges,
  isWildcard,
  parseAddress,
  type Range,
  rangeErrors,
  showAddress,
} from '../address.ts';
import type { ParamProblem } from '../registry.ts';

export interface BindingRule {
  /** Host ports that may be bound to any address (0.0.0.0, ::, a public address). */
  allowPorts?: number[];
  /** Host address ranges any port may be bound to: CIDR, single addresses, `loopback`, `private`. */
  allowAddresses?: string[];
  /** Judge only bindings of these ports (host or container side): a service's own check. */
  ports?: number[];
}

export const DEFAULT_ALLOW_PORTS = [80, 443, 25, 465, 587, 993];
export const DEFAULT_ALLOW_ADDRESSES = ['loopback'];

export const bindingRuleSchema = {
  allowPorts: {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 65535 },
    description: 'Host ports allowed on every address (default 80, 443, 25, 465, 587, 993).',
  },
  allowAddresses: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description:
      "Host address ranges any port may bind to: CIDR ('10.0.0.0/8'), addresses ('::1'), 'loopback' or 'private' (default 'loopback': 127.0.0.0/8 and ::1).",
  },
  ports: {
    type: 'array',
    minItems: 1,
    items: { type: 'integer', minimum: 1, maximum: 65535 },
    description:
      "Judge only bindings of these ports, host or container side (a service's own port); default every binding.",
  },
} as const;

/** True when the binding is one `rule.ports` asks about (every binding without `ports`). */
export function inScope(b: Published, rule: BindingRule): boolean {
  if (!rule.ports) return true;
  const sides = [portsOf(b.hostPort), portsOf(b.containerPort.split('/')[0] ?? '')];
  return sides.some((side) => Array.isArray(side) && side.some((p) => rule.ports?.includes(p)));
}

/** Load-time check of `allowAddresses`: every entry must be an address, a CIDR range or a range name. */
export function bindingRuleProblems(p: BindingRule): ParamProblem[] {
  return (p.allowAddresses ?? []).flatMap((entry, i) =>
    rangeErrors([entry]).map((message) => ({ path: `/allowAddresses/${i}`, message })),
  );
}

export interface Published {
  /** '' or absent means every address. */
  hostIp: string;
  /** '8080', '8000-8010', '' (the engine picks a port), or text with an unresolved variable. */
  hostPort: string;
  containerPort: string;
}

/** One binding judged: `0.0.0.0:8080->80/tcp`, allowed or not, and why. */
export interface BindingVerdict {
  binding: string;
  allowed: boolean;
  reason: string;
}

/** Compiles a rule once (its ranges parsed) and returns the judge of one binding. */
export function bindingJudge(rule: BindingRule): (b: Published) => BindingVerdict {
  const allowPorts = rule.allowPorts ?? DEFAULT_ALLOW_PORTS;
  const ranges: Range[] = compileRanges(rule.allowAddresses ?? DEFAULT_ALLOW_ADDRESSES);
  return (b) => judge(b, allowPorts, ranges);
}

/** The expected part of evidence: the rule as applied, defaults filled in. */
export function bindingExpectation(rule: BindingRule) {
  return {
    allowPorts: rule.allowPorts ?? DEFAULT_ALLOW_PORTS,
    allowAddresses: rule.allowAddresses ?? DEFAULT_ALLOW_ADDRESSES,
    ...(rule.ports ? { ports: rule.ports } : {}),
  };
}

function judge(b: Published, allowPorts: number[], ranges: Range[]): BindingVerdict {
  const ip = b.hostIp.trim().replace(/^\[|\]$/g, '');
  const binding = `${showAddress(ip)}:${b.hostPort || '(any)'}->${b.containerPort}`;
  const wildcard = isWildcard(ip);
  // A wildcard binding is judged as the unspecified address of its family: 0.0.0.0 or ::.
  const asAddress = wildcard ? (ip.includes(':') ? '::' : '0.0.0.0') : ip;
  if (inRanges(asAddress, ranges))
    return { binding, allowed: true, reason: `${showAddress(asAddress)} is in the allowed addresses` };
  // An unresolved compose variable (`${HOST_IP}`) is no address: only an allowed port can pass it.
  const where = wildcard ? 'every address' : parseAddress(ip) ? ip : `${ip} (not an address)`;
  const ports = portsOf(b.hostPort);
  if (ports === 'unresolved')
    return {
      binding,
      allowed: false,
      reason: `host port ${b.hostPort} cannot be resolved, published on ${where}`,
    };
  if (ports === 'ephemeral')
    return { binding, allowed: false, reason: `a random host port is published on ${where}` };
  const outside = ports.filter((p) => !allowPorts.includes(p));
  if (outside.length > 0)
    return {
      binding,
      allowed: false,
      reason: `port ${outside.join(',')} published on ${where}, not in the allowed ports`,
    };
  return { binding, allowed: true, reason: `port ${b.hostPort} is allowed on ${where}` };
}

/** At most this many ports of one range are judged one by one. */
const MAX_RANGE = 65536;

function portsOf(hostPort: string): number[] | 'ephemeral' | 'unresolved' {
  const text = hostPort.trim();
  if (text === '' || text === '0') return 'ephemeral';
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return 'unresolved';
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from || to - from > MAX_RANGE) return 'unresolved';
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
