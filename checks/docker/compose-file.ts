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
  /** 1-based line of the entry in the file. */
  line: number;
}

export interface ComposeService {
  service: string;
  /** 1-based line where the service is defined. */
  line: number;
  bindings: ComposeBinding[];
}

/** Every published port of every service, in file order. */
export function composeBindings(text: string): ComposeBinding[] {
  return composeServices(text).flatMap((s) => s.bindings);
}

/** Parses compose YAML; throws a plain Error with the YAML position when it is not a compose file. */
export function composeServices(text: string): ComposeService[] {
  // js-yaml reports where each node opens: mappings and sequences are known by identity.
  const opened: number[] = [];
  const lineOf = new Map<object, number>();
  const doc = yaml.load(text, {
    listener(event, state) {
      if (event === 'open') opened.push(state.line);
      else {
        const line = opened.pop() ?? 0;
        if (state.result !== null && typeof state.result === 'object') lineOf.set(state.result, line);
      }
    },
  }) as { services?: Record<string, { ports?: unknown[] } | null> } | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('not a compose file: the document is empty or not a mapping');
  const services = doc.services ?? {};
  if (typeof services !== 'object' || Array.isArray(services))
    throw new Error('not a compose file: `services` is not a mapping');
  const lines = text.split('\n');
  const out: ComposeService[] = [];
  for (const [service, def] of Object.entries(services)) {
    const serviceLine =
      def && typeof def === 'object' ? (lineOf.get(def) ?? 0) + 1 : findLine(lines, 0, `${service}:`);
    const ports = Array.isArray(def?.ports) ? def.ports : [];
    // A scalar entry has no identity: it is the next place after the previous entry that shows it.
    const at = { line: lineOf.get(ports) ?? serviceLine - 1, column: 0 };
    const bindings: ComposeBinding[] = [];
    for (const entry of ports) {
      const object = typeof entry === 'object' && entry !== null;
      const declared = object ? JSON.stringify(entry) : String(entry);
      if (object) Object.assign(at, { line: lineOf.get(entry) ?? at.line, column: 0 });
      else advanceTo(lines, at, declared);
      const b = object ? longSyntax(entry as LongPort) : shortSyntax(String(entry));
      bindings.push({ service, declared, line: at.line + 1, ...b });
    }
    out.push({ service, line: serviceLine, bindings });
  }
  return out;
}

/** 1-based line at or after index `from` that contains `text`; the line after `from` when none does. */
function findLine(lines: string[], from: number, text: string): number {
  for (let i = Math.max(0, from); i < lines.length; i++) if (lines[i].includes(text)) return i + 1;
  return from + 1;
}

/** Moves `at` past the next occurrence of `text` as a whole YAML item (not inside a longer entry). */
function advanceTo(lines: string[], at: { line: number; column: number }, text: string): void {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const item = new RegExp(`(?:^|[\\s\\[,'"-])${escaped}(?=$|[\\s\\],'"#])`, 'g');
  for (let i = at.line; i < lines.length; i++) {
    item.lastIndex = i === at.line ? at.column : 0;
    const m = item.exec(lines[i]);
    if (m) {
      Object.assign(at, { line: i, column: m.index + m[0].length });
      return;
    }
  }
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
