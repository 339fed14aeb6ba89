/**
 * The binding rule shared by docker.ports (live engine) and compose.ports (compose files):
 * a published port is bound to an allowed address (loopback by default), or it is one of the
 * ports allowed to face the network (80, 443, mail…).
 */

export interface BindingRule {
  /** Host ports that may be bound to any address (0.0.0.0, ::, a public address). */
  allowPorts?: number[];
  /** Host addresses any port may be bound to. */
  allowAddresses?: string[];
}

export const DEFAULT_ALLOW_PORTS = [80, 443, 25, 465, 587, 993];
export const DEFAULT_ALLOW_ADDRESSES = ['127.0.0.1', '::1'];

export const bindingRuleSchema = {
  allowPorts: {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 65535 },
    description: 'Host ports allowed on every address (default 80, 443, 25, 465, 587, 993).',
  },
  allowAddresses: {
    type: 'array',
    items: { type: 'string' },
    description: "Host addresses any port may bind to (default '127.0.0.1', '::1').",
  },
} as const;

export interface Published {
  /** '' or absent means every address. */
  hostIp: string;
  /** '8080', '8000-8010', '' (the engine picks a port), or text with an unresolved variable. */
  hostPort: string;
  containerPort: string;
}

export interface Violation {
  binding: string;
  reason: string;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '*']);

/** Why a binding breaks the rule, or null when it is allowed. */
export function bindingViolation(b: Published, rule: BindingRule): Violation | null {
  const allowPorts = rule.allowPorts ?? DEFAULT_ALLOW_PORTS;
  const allowAddresses = rule.allowAddresses ?? DEFAULT_ALLOW_ADDRESSES;
  const ip = b.hostIp.replace(/^\[|\]$/g, '');
  const shownIp = ip === '' ? '0.0.0.0' : ip.includes(':') ? `[${ip}]` : ip;
  const binding = `${shownIp}:${b.hostPort || '(any)'}->${b.containerPort}`;
  if (allowAddresses.includes(ip)) return null;
  const where = WILDCARDS.has(ip) ? 'every address' : ip;
  const ports = portsOf(b.hostPort);
  if (ports === 'unresolved')
    return { binding, reason: `host port ${b.hostPort} cannot be resolved, published on ${where}` };
  if (ports === 'ephemeral') return { binding, reason: `a random host port is published on ${where}` };
  const outside = ports.filter((p) => !allowPorts.includes(p));
  if (outside.length === 0) return null;
  return { binding, reason: `port ${outside.join(',')} published on ${where}, not in the allowed ports` };
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
