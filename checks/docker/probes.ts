/** Docker and compose probes wired to inventory hosts. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { objectSchema } from '../params-schema.ts';
import { notApplicable, type ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { commandTransport } from '../transport/hosts.ts';
import { bindingRuleSchema } from './bindings.ts';
import { type ComposePortsParams, composePorts, readComposeFile } from './compose.ts';
import { type ContainersParams, runningContainers } from './containers.ts';
import { containersHealthy } from './health.ts';
import { healthcheckDefined } from './healthcheck.ts';
import { type LimitsParams, resourceLimits } from './limits.ts';
import { neverOomKilled } from './oom.ts';
import { dockerParamsChecks } from './params-checks.ts';
import { type PortsParams, publishedPorts } from './ports.ts';
import { notPrivileged } from './privileged.ts';
import { type RestartPolicyParams, restartPolicy } from './restart-policy.ts';
import { type RestartsParams, restartCount } from './restarts.ts';
import { type Selection, selectionSchema } from './select.ts';
import { type ContainerSource, hostContainers } from './snapshot.ts';

/** Runs a container probe on the host's shared snapshot; hosts without an engine are not-applicable. */
function onEngine<P>(fn: (src: ContainerSource, p: P) => Promise<ProbeResult>) {
  return async (ctx: ProbeContext, host: HostEntry, params: P): Promise<ProbeResult> => {
    if (!host.docker)
      return notApplicable(`${host.name}: no docker endpoint in the inventory`, { host: host.name });
    return fn(hostContainers(ctx, host), params ?? ({} as P));
  };
}

const patterns = { type: 'array', items: { type: 'string', minLength: 1 } };

export const dockerProbes = [
  defineProbe<'host', ContainersParams>({
    name: 'docker.containers',
    validateParams: dockerParamsChecks['docker.containers'],
    summary: 'The expected containers are running (names, count or bounds of running or all containers)',
    target: 'host',
    params: objectSchema({
      expected: { ...patterns, description: 'Container names or glob patterns that must be running.' },
      count: { type: 'integer', minimum: 0, description: 'Exact number of containers (see state).' },
      min: { type: 'integer', minimum: 0, description: 'Fewest containers (see state).' },
      max: { type: 'integer', minimum: 0, description: 'Most containers (see state).' },
      state: {
        enum: ['running', 'all'],
        description: "What count/min/max count: 'running' containers (default) or 'all' of them.",
      },
    }),
    run: onEngine(runningContainers),
  }),
  defineProbe<'host', Selection>({
    name: 'docker.health',
    subjects: true,
    validateParams: dockerParamsChecks['docker.health'],
    summary: 'Each running container with a healthcheck is healthy',
    target: 'host',
    params: objectSchema({ ...selectionSchema }),
    run: onEngine(containersHealthy),
  }),
  defineProbe<'host', Selection>({
    name: 'docker.healthcheck',
    subjects: true,
    validateParams: dockerParamsChecks['docker.healthcheck'],
    summary: 'Each running container defines a healthcheck',
    target: 'host',
    params: objectSchema({ ...selectionSchema }),
    run: onEngine(healthcheckDefined),
  }),
  defineProbe<'host', RestartPolicyParams>({
    name: 'docker.restart-policy',
    subjects: true,
    validateParams: dockerParamsChecks['docker.restart-policy'],
    summary: 'Each running container has an allowed restart policy',
    target: 'host',
    params: objectSchema({
      ...selectionSchema,
      allowed: {
        ...patterns,
        description: "Allowed policies (default 'always', 'unless-stopped', 'on-failure').",
      },
    }),
    run: onEngine(restartPolicy),
  }),
  defineProbe<'host', LimitsParams>({
    name: 'docker.limits',
    subjects: true,
    validateParams: dockerParamsChecks['docker.limits'],
    summary: 'Each running container has memory (and CPU) limits',
    target: 'host',
    params: objectSchema({
      ...selectionSchema,
      memory: { type: 'boolean', description: 'Require a memory limit (default true).' },
      cpu: { type: 'boolean', description: 'Require a CPU limit (default false).' },
    }),
    run: onEngine(resourceLimits),
  }),
  defineProbe<'host', Selection>({
    name: 'docker.oom',
    subjects: true,
    validateParams: dockerParamsChecks['docker.oom'],
    summary: 'No container (running or stopped) was OOM-killed',
    target: 'host',
    params: objectSchema({ ...selectionSchema }),
    run: onEngine(neverOomKilled),
  }),
  defineProbe<'host', RestartsParams>({
    name: 'docker.restarts',
    subjects: true,
    validateParams: dockerParamsChecks['docker.restarts'],
    summary: 'No container restarted more than a bound',
    target: 'host',
    params: objectSchema(
      {
        ...selectionSchema,
        max: { type: 'integer', minimum: 0, description: 'Highest restart count tolerated.' },
      },
      ['max'],
    ),
    run: onEngine(restartCount),
  }),
  defineProbe<'host', Selection>({
    name: 'docker.privileged',
    subjects: true,
    validateParams: dockerParamsChecks['docker.privileged'],
    summary: 'No container is privileged',
    target: 'host',
    params: objectSchema({ ...selectionSchema }),
    run: onEngine(notPrivileged),
  }),
  defineProbe<'host', PortsParams>({
    name: 'docker.ports',
    subjects: true,
    validateParams: dockerParamsChecks['docker.ports'],
    summary:
      'Each running container publishes ports only on allowed address ranges, except allowlisted ports',
    target: 'host',
    params: objectSchema({ ...selectionSchema, ...bindingRuleSchema }),
    run: onEngine(publishedPorts),
  }),
  defineProbe<'host', ComposePortsParams>({
    name: 'compose.ports',
    subjects: true,
    validateParams: dockerParamsChecks['compose.ports'],
    summary: 'Each compose service publishes ports only on allowed address ranges, except allowlisted ports',
    target: 'host',
    params: objectSchema(
      {
        files: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^/' },
          description: 'Absolute paths of docker-compose files on the host.',
        },
        ...bindingRuleSchema,
      },
      ['files'],
    ),
    run: (ctx, host, params) => composePorts(commandTransport(ctx, host), params),
    plan: (_host, params) => params.files.map(readComposeFile),
  }),
];
