/**
 * An engine's inspect answer turned into the plain facts probes read. A field the answer lacks
 * or gives in the wrong type is never defaulted into a verdict: it is recorded in `unread`, and
 * a probe that needs it says `error` for that container (a missing HostConfig.Privileged is not
 * "not privileged").
 */
import type { ContainerSummary, PortBinding } from '../transport/docker.ts';

export interface Binding {
  /** Host address as the engine reports it; '' in a config means every address. */
  hostIp: string;
  hostPort: string;
  /** `8080/tcp`. */
  containerPort: string;
}

/** What probes read about one container: plain data, no engine types. */
export interface ContainerFacts {
  id: string;
  name: string;
  image: string;
  /** created | running | paused | restarting | removing | exited | dead. */
  state: string;
  running: boolean;
  /** healthy | unhealthy | starting, or null without a healthcheck. */
  health: string | null;
  healthcheck: boolean;
  restartPolicy: string;
  restartCount: number;
  oomKilled: boolean;
  privileged: boolean;
  memory: number;
  nanoCpus: number;
  cpuQuota: number;
  /** Running: the bindings in force; otherwise the configured ones. */
  ports: Binding[];
  /** The last exit's code; null for a container that never stopped (created, or running since start). */
  exitCode: number | null;
  /** When the last run ended (ISO), null when it never ended. */
  finishedAt: string | null;
  /** Facts the inspect answer did not give usably, with the engine field that was missing. */
  unread: Partial<Record<FactName, string>>;
  /** Why the whole inspect answer was unusable (every fact is then unread). */
  unusable?: string;
}

export type FactName = Exclude<keyof ContainerFacts, 'id' | 'name' | 'unread' | 'unusable'>;

/** The engine answered, but not with what the Engine API documents. */
export class MalformedAnswer extends Error {
  override name = 'MalformedAnswer';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Docker's "never": Go's zero time. */
const ZERO_TIME = /^0001-01-01/;

/** Facts of one inspect answer; throws MalformedAnswer when it does not even name a container. */
export function toFacts(answer: unknown): ContainerFacts {
  // dockerode hands back the raw body when it is not JSON (a body cut short, an HTML error page).
  if (typeof answer === 'string' || Buffer.isBuffer(answer))
    throw new MalformedAnswer(`the answer is not JSON (got ${preview(answer)})`);
  if (!isObj(answer) || typeof answer.Id !== 'string' || typeof answer.Name !== 'string')
    throw new MalformedAnswer(`the answer has no container Id and Name (got ${preview(answer)})`);
  const unread: ContainerFacts['unread'] = {};
  const at = (path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), answer);
  function read<T>(fact: FactName, path: string, ok: (v: unknown) => boolean, fallback: T): T {
    const v = at(path);
    if (ok(v)) return v as T;
    unread[fact] ??= path;
    return fallback;
  }
  const str = (v: unknown) => typeof v === 'string';
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const bool = (v: unknown) => typeof v === 'boolean';

  const running = read('running', 'State.Running', bool, false);
  const test = at('Config.Healthcheck.Test');
  if (!isObj(at('Config'))) unread.healthcheck = 'Config';
  const healthcheck = Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
  const healthStatus = at('State.Health.Status');
  // A running container with a healthcheck always has a health status; without one it is unknown.
  if (healthcheck && running && !str(healthStatus)) unread.health = 'State.Health.Status';
  const finished = at('State.FinishedAt');
  const ranAndStopped = str(finished) && !ZERO_TIME.test(finished as string) && !running;
  const ports = running ? 'NetworkSettings.Ports' : 'HostConfig.PortBindings';
  return {
    id: answer.Id.slice(0, 12),
    name: answer.Name.replace(/^\//, ''),
    image: read('image', 'Config.Image', str, ''),
    state: read('state', 'State.Status', str, 'unknown'),
    running,
    health: str(healthStatus) ? (healthStatus as string) : null,
    healthcheck,
    restartPolicy: read('restartPolicy', 'HostConfig.RestartPolicy.Name', str, '') || 'no',
    restartCount: read('restartCount', 'RestartCount', num, 0),
    oomKilled: read('oomKilled', 'State.OOMKilled', bool, false),
    privileged: read('privileged', 'HostConfig.Privileged', bool, false),
    memory: read('memory', 'HostConfig.Memory', num, 0),
    nanoCpus: read('nanoCpus', 'HostConfig.NanoCpus', num, 0),
    cpuQuota: read('cpuQuota', 'HostConfig.CpuQuota', num, 0),
    ports: toBindings(at(ports), () => {
      unread.ports = ports;
    }),
    exitCode: ranAndStopped ? read('exitCode', 'State.ExitCode', num, null) : null,
    finishedAt: ranAndStopped ? (finished as string) : null,
    unread,
  };
}

const FACTS: FactName[] = [
  'image',
  'state',
  'running',
  'health',
  'healthcheck',
  'restartPolicy',
  'restartCount',
  'oomKilled',
  'privileged',
  'memory',
  'nanoCpus',
  'cpuQuota',
  'ports',
  'exitCode',
  'finishedAt',
];

/** A listed container whose inspect answer was unusable: named from the list, every fact unread. */
export function unreadableFacts(listed: ContainerSummary, why: string): ContainerFacts {
  const name = (
    Array.isArray(listed.Names) && typeof listed.Names[0] === 'string' ? listed.Names[0] : listed.Id
  ).replace(/^\//, '');
  const state = typeof listed.State === 'string' ? listed.State : 'unknown';
  return {
    id: listed.Id.slice(0, 12),
    name,
    image: typeof listed.Image === 'string' ? listed.Image : '',
    state,
    running: state === 'running',
    health: null,
    healthcheck: false,
    restartPolicy: 'no',
    restartCount: 0,
    oomKilled: false,
    privileged: false,
    memory: 0,
    nanoCpus: 0,
    cpuQuota: 0,
    ports: [],
    exitCode: null,
    finishedAt: null,
    unread: Object.fromEntries(FACTS.map((f) => [f, 'a usable inspect answer'])),
    unusable: why,
  };
}

function toBindings(map: unknown, bad: () => void): Binding[] {
  if (map === null || map === undefined) return [];
  if (!isObj(map)) {
    bad();
    return [];
  }
  const out: Binding[] = [];
  for (const [containerPort, list] of Object.entries(map)) {
    if (list === null) continue;
    if (!Array.isArray(list)) {
      bad();
      continue;
    }
    for (const b of list as PortBinding[]) {
      if (!isObj(b) || (b.HostIp !== undefined && typeof b.HostIp !== 'string')) {
        bad();
        continue;
      }
      out.push({ hostIp: b.HostIp ?? '', hostPort: String(b.HostPort ?? ''), containerPort });
    }
  }
  // The engine's map order is not stable across answers; evidence must be the same every run.
  const key = (x: Binding) => `${x.containerPort} ${x.hostIp} ${x.hostPort}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A short look at an answer for an error message (never the whole body). */
export function preview(v: unknown): string {
  const text = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : JSON.stringify(v);
  return (text ?? String(v)).slice(0, 80);
}
