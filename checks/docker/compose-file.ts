/**
 * Reads the published ports of a docker-compose file statically (no engine, no compose CLI):
 * short syntax ("8080:80", "127.0.0.1:8080:80", "[::1]:8080:80", "::1:8080:80", ranges,
 * "${PORT:-80}:80") and long syntax (host_ip, published, target).
 */
import yaml from 'js-yaml';
import type { Published } from './bindings.ts';

export interface ComposeBinding extends Published {
  service: string;
  /** The entry as written, for evidence. */
  declared: string;
}

/** Parses compose YAML; throws a plain Error with the YAML position when it is not a compose file. */
export function composeBindings(text: string): ComposeBinding[] {
  const doc = yaml.load(text) as { services?: Record<string, { ports?: unknown[] } | null> } | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('not a compose file: the document is empty or not a mapping');
  const services = doc.services ?? {};
  if (typeof services !== 'object' || Array.isArray(services))
    throw new Error('not a compose file: `services` is not a mapping');
  const out: ComposeBinding[] = [];
  for (const [service, def] of Object.entries(services)) {
    for (const entry of def?.ports ?? []) {
      const b =
        typeof entry === 'object' && entry !== null
          ? longSyntax(entry as LongPort)
          : shortSyntax(String(entry));
      out.push({
        service,
        declared: typeof entry === 'object' ? JSON.stringify(entry) : String(entry),
        ...b,
      });
    }
  }
  return out;
}

interface LongPort {
  target?: number | string;
  published?: number | string;
  host_ip?: string;
  protocol?: string;
}

function longSyntax(p: LongPort): Published {
  return {
    hostIp: interpolate(String(p.host_ip ?? '')),
    hostPort: interpolate(String(p.published ?? '')),
    containerPort: `${interpolate(String(p.target ?? ''))}/${p.protocol ?? 'tcp'}`,
  };
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, after variable defaults are applied. */
export function shortSyntax(entry: string): Published {
  const text = interpolate(entry.trim());
  const [spec, protocol = 'tcp'] = text.split('/');
  let hostIp = '';
  let rest = spec;
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  if (bracketed) {
    hostIp = bracketed[1];
    rest = bracketed[2];
  }
  const parts = rest.split(':');
  if (!bracketed && parts.length > 3) {
    // An unbracketed IPv6 address: the last two fields are the ports.
    hostIp = parts.slice(0, -2).join(':');
    return { hostIp, hostPort: parts.at(-2)!, containerPort: `${parts.at(-1)}/${protocol}` };
  }
  if (parts.length === 3)
    return { hostIp: parts[0], hostPort: parts[1], containerPort: `${parts[2]}/${protocol}` };
  if (parts.length === 2) return { hostIp, hostPort: parts[0], containerPort: `${parts[1]}/${protocol}` };
  // Only a container port: the engine publishes it on a random host port.
  return { hostIp, hostPort: '', containerPort: `${parts[0]}/${protocol}` };
}

/**
 * Applies compose defaults without reading the operator's environment (the audit must not
 * depend on the auditor's shell): `${V:-d}` and `${V-d}` become d, `$$` becomes `$`, and a
 * variable without a default stays as `${V}` (judged as unresolved).
 */
export function interpolate(text: string): string {
  return text
    .replaceAll('$$', '\u0000')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g, (_, _name, def: string) => def)
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[?+][^}]*)?\}/g, (_, name: string) => `\${${name}}`)
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => `\${${name}}`)
    .replaceAll('\u0000', '$');
}
