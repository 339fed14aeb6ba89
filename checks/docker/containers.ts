import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import { listed, matchesName } from './select.ts';
import type { ContainerSource } from './snapshot.ts';

export interface ContainersParams {
  /** Names or wildcard patterns that must each match at least one running container. */
  expected?: string[];
  /** Exact number of running containers. */
  count?: number;
  min?: number;
  max?: number;
}

/**
 * Checks that the expected containers are running on a host and that the running count is
 * within bounds.
 * @example await runningContainers(src, { expected: ['traefik', 'app-*'], min: 10 })
 */
export async function runningContainers(src: ContainerSource, p: ContainersParams): Promise<ProbeResult> {
  let names: string[];
  try {
    names = (await src.containers()).filter((c) => c.running).map((c) => c.name);
  } catch (err) {
    return fromError(err, { source: src.source, host: src.host });
  }
  const missing = (p.expected ?? []).filter((pattern) => !names.some((n) => matchesName(pattern, n)));
  const problems: string[] = [];
  if (missing.length) problems.push(`not running: ${missing.join(', ')}`);
  if (p.count !== undefined && names.length !== p.count)
    problems.push(`${names.length} running, expected ${p.count}`);
  if (p.min !== undefined && names.length < p.min)
    problems.push(`${names.length} running, at least ${p.min} expected`);
  if (p.max !== undefined && names.length > p.max)
    problems.push(`${names.length} running, at most ${p.max} allowed`);
  const evidence = {
    source: src.source,
    host: src.host,
    observed: { running: names.length, names: listed(names) },
    expected: {
      expected: p.expected ?? null,
      count: p.count ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
    },
    missing,
  };
  return problems.length
    ? fail(`${src.host}: ${problems.join('; ')}`, evidence)
    : pass(`${src.host}: ${names.length} containers running as expected`, evidence);
}
