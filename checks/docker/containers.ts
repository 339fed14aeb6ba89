import { fail, fromError, inconclusive, type Json, type ProbeResult, pass } from '../probe.ts';
import type { ContainerFacts } from './facts.ts';
import { describeState, listed, matchesName } from './select.ts';
import type { ContainerSource } from './snapshot.ts';
import { CONTAINER_STATES } from './states.ts';

export interface ContainersParams {
  /** Names or glob patterns that must each match at least one running container. */
  expected?: string[];
  /** Exact number of containers (in `state`). */
  count?: number;
  min?: number;
  max?: number;
  /** Which containers `count`/`min`/`max` count: `running` (default) or `all`. */
  state?: 'running' | 'all';
}

/**
 * Checks that the expected containers are running on a host and that the count of running
 * (or, with `state: all`, of all) containers is within bounds. A check about the host as a
 * whole: no subjects. Its evidence carries numbers a documentation claim can compare, at the
 * top level: `total` (every container), `running`, `exited`, `created`, `paused`,
 * `restarting`, `removing`, `dead` (per engine state; they add up to `total`, a state
 * the engine may add later is counted as `other`), and `exitedContainers` (name, exit
 * code, OOM kill, end time of each exited one).
 * @example await runningContainers(src, { expected: ['traefik', 'app-*'], min: 10 })
 */
export async function runningContainers(src: ContainerSource, p: ContainersParams): Promise<ProbeResult> {
  let all: ContainerFacts[];
  try {
    all = await src.containers();
  } catch (err) {
    return fromError(err, { source: src.source, host: src.host });
  }
  const base = { source: src.source, host: src.host };
  const unknown = all.filter((c) => c.unread.state || c.unread.running);
  if (unknown.length)
    return inconclusive(
      `${src.host}: the engine did not say the state of ${unknown.map((c) => (c.unusable ? `${c.name} (${c.unusable})` : c.name)).join(', ')}; containers cannot be counted`,
      { ...base, unread: unknown.map((c) => c.name) },
    );
  // States partition the containers (a paused or restarting one is not counted as running),
  // so the counts add up to `total` in every document that quotes them.
  const running = all.filter((c) => c.state === 'running');
  const counted = p.state === 'all' ? all : running;
  const what = p.state === 'all' ? 'containers' : 'running';
  const problems: string[] = [];
  const missing: string[] = [];
  for (const pattern of p.expected ?? []) {
    if (running.some((c) => matchesName(pattern, c.name))) continue;
    missing.push(pattern);
    const stopped = all.filter((c) => matchesName(pattern, c.name));
    problems.push(
      stopped.length
        ? `not running: ${stopped
            .slice(0, 5)
            .map((c) => `${c.name} (${describeState(c)})`)
            .join(', ')}`
        : `no container matches ${pattern}`,
    );
  }
  const n = counted.length;
  if (p.count !== undefined && n !== p.count) problems.push(`${n} ${what}, expected ${p.count}`);
  if (p.min !== undefined && n < p.min) problems.push(`${n} ${what}, at least ${p.min} expected`);
  if (p.max !== undefined && n > p.max) problems.push(`${n} ${what}, at most ${p.max} allowed`);
  const exited = all.filter((c) => c.state === 'exited');
  const counts = Object.fromEntries(CONTAINER_STATES.map((s) => [s, 0])) as Record<string, number>;
  for (const c of all) {
    // A state this release does not know is counted as `other`, never dropped.
    const key = Object.hasOwn(counts, c.state) ? c.state : 'other';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const evidence = {
    ...base,
    total: all.length,
    ...counts,
    exitedContainers: listed(
      exited.map((c) => ({
        name: c.name,
        exitCode: c.exitCode,
        oomKilled: c.oomKilled,
        finishedAt: c.finishedAt,
      })),
    ) as Json,
    observed: { counted: p.state ?? 'running', count: n, names: listed(counted.map((c) => c.name)) },
    expected: {
      expected: p.expected ?? null,
      count: p.count ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
      state: p.state ?? 'running',
    },
    missing,
  };
  const summary = `${running.length} running of ${all.length}${exited.length ? `, ${exited.length} exited` : ''}`;
  return problems.length
    ? fail(`${src.host}: ${problems.join('; ')} (${summary})`, evidence)
    : pass(`${src.host}: ${summary}, as expected`, evidence);
}
