/**
 * `inventory.sources`: inventories read from where they live. Each source yields plain
 * inventory entries (hosts, endpoints); the loader adds them to the policy's own before any
 * selector is checked, so the engine only ever sees a plain inventory.
 */
import type { EndpointEntry, HostEntry, SecretRef } from '../types.ts';

/** How each item of a source becomes an entry: `{{path}}` templates over the item. */
export interface EntryMapping {
  name: string;
  /** Endpoints: the URL. */
  url?: string;
  /** Hosts: address, port and user. */
  address?: string;
  port?: string;
  user?: string;
  /** A template that resolves to nothing leaves its group out. */
  groups?: string[];
}

export interface HttpAuth {
  /** `Authorization: Bearer <secret>`. */
  bearer?: SecretRef;
  /** A header of the API's own (e.g. X-Api-Key). */
  header?: { name: string; value: SecretRef };
  basic?: { user: string; password: SecretRef };
}

export interface HttpPagination {
  /** The next page's URL (absolute or relative) at this path of the body; absent or null ends. */
  next?: string;
  /** RFC 8288 `Link: <…>; rel="next"`. */
  link?: boolean;
  /** `?page=N` (from 1, or `start`) until a page has fewer than `size` items (or none). */
  page?: { param: string; sizeParam?: string; size?: number; start?: number };
}

interface Common {
  name: string;
  /** Fields every entry gets (knownHosts, identityFile, insecure…); the entry's own win. */
  defaults?: Record<string, unknown>;
  /** Groups every entry gets (besides the source's name). */
  groups?: string[];
  timeoutMs?: number;
  ca?: string;
  insecure?: boolean;
}

export interface HttpSource extends Common {
  kind: 'http';
  url: string;
  auth?: HttpAuth;
  /** Where the list is in each page (dot path); absent: the body is the list. */
  items?: string;
  pagination?: HttpPagination;
  /** One entry per element of this array inside each item (a tenant's sites), as `{{as.field}}`. */
  expand?: { path: string; as: string };
  /** Entries are endpoints or hosts. */
  as: 'endpoints' | 'hosts';
  map: EntryMapping;
  maxPages?: number;
  maxItems?: number;
}

export interface AnsibleSource extends Common {
  kind: 'ansible';
  /** An INI or YAML inventory file. */
  path: string;
  /** Only hosts of these Ansible groups. */
  only?: string[];
}

export interface SshConfigSource extends Common {
  kind: 'ssh-config';
  /** Default ~/.ssh/config. */
  path?: string;
}

export interface TraefikSource extends Common {
  kind: 'traefik';
  url: string;
  token?: SecretRef;
  /** `https` unless the router has no TLS (then `http`); force one with this. */
  scheme?: 'http' | 'https';
  /** Only routers on these entry points. */
  entryPoints?: string[];
}

export interface PrometheusSource extends Common {
  kind: 'prometheus';
  url: string;
  token?: SecretRef;
  as: 'endpoints' | 'hosts';
  /** Only these jobs. */
  jobs?: string[];
  /** `{{labels.x}}`, `{{job}}`, `{{instance}}`, `{{scrapeUrl}}`; defaults per `as`. */
  map?: EntryMapping;
}

export type InventorySource = HttpSource | AnsibleSource | SshConfigSource | TraefikSource | PrometheusSource;

/** What one source yielded. */
export interface Resolved {
  hosts: HostEntry[];
  endpoints: EndpointEntry[];
  /** Things the source left out, with why (a HostRegexp rule, a pattern Host). */
  notes: string[];
}

/** Names the source in every message: `inventory source "control-plane" (http)`. */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}

export interface SourceContext {
  baseDir: string;
  /** A secret reference's value (read and registered for redaction by the loader). */
  secret(ref: SecretRef): string;
  timeoutMs: number;
}
