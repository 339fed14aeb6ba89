/** Typed policy model. Mirrors policies/schema/*.json; keep both in step. */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** A secret is never written in YAML: a policy names an environment variable or a file. */
export type SecretRef = { env: string } | { file: string };

interface Named {
  name: string;
  groups?: string[];
}

export interface DockerEndpoint {
  /** Unix socket path on the audited machine (local hosts) or on the host (reached over SSH). */
  socket?: string;
  /** tcp://host:port or https://host:port. */
  url?: string;
  ca?: string;
  cert?: string;
  key?: string;
  /** Reach the engine socket through the host's SSH connection. */
  viaSsh?: boolean;
}

export interface HostEntry extends Named {
  transport?: 'local' | 'ssh';
  address?: string;
  port?: number;
  user?: string;
  identityFile?: string;
  /** true: use $SSH_AUTH_SOCK; a string: that agent socket path. */
  agent?: boolean | string;
  knownHosts?: string;
  /** Read ~/.ssh/config (or this path) for HostName, User, Port, IdentityFile, ProxyJump. */
  sshConfig?: boolean | string;
  /** Name of another host in the inventory to jump through. */
  jump?: string;
  /** Allow `sudo -n` for probes that need it. */
  sudo?: boolean;
  docker?: DockerEndpoint;
}

export interface EndpointEntry extends Named {
  url: string;
  /** The service must demand authentication (401/403 or a redirect to authUrl). */
  protected?: boolean;
  /** Regular expression the Location of an auth redirect must match. */
  authUrl?: string;
  /** Extra CA bundle (PEM file) trusted for this endpoint. */
  ca?: string;
  /** Skip TLS verification (recorded in evidence; never the default). */
  insecure?: boolean;
  headers?: Record<string, string | SecretRef>;
}

export type MonitoringKind = 'prometheus' | 'alertmanager' | 'grafana' | 'loki' | 'traefik' | 'authelia';

export interface MonitoringEntry extends Named {
  kind: MonitoringKind;
  url: string;
  token?: SecretRef;
  ca?: string;
  insecure?: boolean;
}

export interface RepositoryEntry extends Named {
  /** Local path, or a path on `host`. */
  path?: string;
  host?: string;
  /** owner/name on GitHub. */
  github?: string;
  token?: SecretRef;
}

export interface DocumentEntry extends Named {
  path: string;
}

export interface BackupEntry extends Named {
  kind: 'directory' | 'restic' | 'borg';
  path: string;
  /** Host the backups live on; absent: the machine running the audit. */
  host?: string;
  password?: SecretRef;
}

export interface PhaseEntry extends Named {
  title?: string;
  closed?: boolean;
  /** Where the phase's signed USER_ACCEPTANCE.md lives; default: the newest generated one. */
  document?: string;
}

export interface Inventory {
  hosts: HostEntry[];
  endpoints: EndpointEntry[];
  monitoring: MonitoringEntry[];
  repositories: RepositoryEntry[];
  documents: DocumentEntry[];
  backups: BackupEntry[];
  phases: PhaseEntry[];
}

export type TargetKind = 'host' | 'endpoint' | 'monitoring' | 'repository' | 'document' | 'backup' | 'phase';

export interface TargetOfKind {
  host: HostEntry;
  endpoint: EndpointEntry;
  monitoring: MonitoringEntry;
  repository: RepositoryEntry;
  document: DocumentEntry;
  backup: BackupEntry;
  phase: PhaseEntry;
}

export const SECTION_OF_KIND: Record<TargetKind, keyof Inventory> = {
  host: 'hosts',
  endpoint: 'endpoints',
  monitoring: 'monitoring',
  repository: 'repositories',
  document: 'documents',
  backup: 'backups',
  phase: 'phases',
};

/** An inventory with every section present and empty (the loader's start, tests' base). */
export function emptyInventory(): Inventory {
  return Object.fromEntries(Object.values(SECTION_OF_KIND).map((s) => [s, []])) as unknown as Inventory;
}

export interface CategoryRubric {
  weight: number;
  minimum?: number;
  title?: string;
}

export interface ReportSpec {
  id: string;
  title: string;
  categories: string[];
}

export interface Rubric {
  timezone: string;
  severityWeights: Record<Severity, number>;
  categories: Record<string, CategoryRubric>;
  /** Highest first; below the last one the letter is `failing`. */
  thresholds: { letter: string; min: number }[];
  failing: string;
  /** A failed (unwaived) control of this severity caps the letter at this one. */
  caps: Partial<Record<Severity, string>>;
  coverage: { maxInconclusive: number };
  decision: { minScore: number; blockingSeverities: Severity[] };
  waivers: { maxDays: number };
  reports: ReportSpec[];
  /** CI outputs beside the documents (reporters/ci-outputs.ts); relative paths from the working directory. */
  outputs?: { junit?: string; json?: string; prometheus?: string };
}

export type TargetSelector = string[] | { names?: string[]; groups?: string[]; exclude?: string[] };

export interface Control {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  check: string;
  targets?: TargetSelector;
  params?: Record<string, unknown>;
  rationale?: string;
  /** How to fix the target: shown beside a failure in every document. */
  remediation?: string;
  /**
   * How to configure readyspec for this control (params, targets, enabling it), for the
   * policy's author: printed in the terminal when the control does not pass, never written
   * into a document an auditor reads.
   */
  policyNote?: string;
  phase?: string;
  tags?: string[];
  /** A failure blocks READY whatever the grade (default: severities in rubric.decision.blockingSeverities). */
  blocking?: boolean;
  /** Allows an active check (one that changes the target); READYSPEC_ACTIVE=1 must also be set. */
  active?: boolean;
  /** false drops a control pulled in from a pack. */
  enabled?: boolean;
}

export interface Waiver {
  control: string;
  target?: string;
  /** One subject of a collection check on `target`. */
  subject?: string;
  justification: string;
  owner: string;
  approver: string;
  /** YYYY-MM-DD, inclusive. */
  expires: string;
}

export interface Policy {
  /** Display name: the policy path as given. */
  name: string;
  /** Directory relative paths in the policy resolve against. */
  baseDir: string;
  files: string[];
  inventory: Inventory;
  rubric: Rubric;
  controls: Control[];
  waivers: Waiver[];
  /** Controls written in TypeScript (specs/custom) this policy runs, by id; no others run. */
  custom?: string[];
  /** The inventory sources this policy read (policies/sources), with what each yielded. */
  sources?: {
    name: string;
    kind: string;
    from: string;
    hosts: number;
    endpoints: number;
    durationMs: number;
    notes: string[];
  }[];
  /** Warnings found while loading (expired waivers…): the run goes on, the report lists them. */
  warnings: string[];
}
