/**
 * The read-only Docker engine contract probes see. Only these five read endpoints exist;
 * the dockerode client behind it is private, so nothing that changes an engine is reachable.
 * Shapes are the subset of the Engine API (v1.41+) that probes read.
 */

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Os?: string;
  Arch?: string;
}

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Status: string;
}

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  RestartCount: number;
  Config: { Image?: string; Healthcheck?: { Test?: string[] } | null };
  State: {
    Status: string;
    Running: boolean;
    OOMKilled: boolean;
    ExitCode?: number;
    Health?: { Status: string; FailingStreak?: number } | null;
  };
  HostConfig: {
    Privileged?: boolean;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    PortBindings?: Record<string, PortBinding[] | null> | null;
  };
  NetworkSettings?: { Ports?: Record<string, PortBinding[] | null> | null };
}

export interface DockerTransport {
  /** The inventory host this engine belongs to, for messages. */
  readonly host: string;
  /** Where the engine is reached: `unix:///run/docker.sock`, `https://h:2376`, `ssh://master/var/run/docker.sock`. */
  readonly endpoint: string;
  version(): Promise<EngineVersion>;
  info(): Promise<Record<string, unknown>>;
  /** Every container, running or not. */
  listContainers(): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerInspect>;
  df(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}
