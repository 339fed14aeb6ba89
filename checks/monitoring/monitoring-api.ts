/** Builds the MonitoringApi of an inventory monitoring entry for a run: the run's HTTP pool, its token, CA and timeout. */
import type { MonitoringEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { httpTransport } from '../transport/http-pool.ts';
import type { MonitoringApi } from './api.ts';

/**
 * @example const api = monitoringApi(ctx, { name: 'prom', kind: 'prometheus', url: 'http://prom:9090' });
 */
export function monitoringApi(ctx: ProbeContext, target: MonitoringEntry): MonitoringApi {
  const token = ctx.secret(target.token);
  // The loader refuses such a policy; an unauthenticated request could pass, so never send one.
  if (target.token && token === undefined)
    throw new Error(`${target.kind} ${target.name}: its token ${JSON.stringify(target.token)} is not set`);
  return {
    http: httpTransport(ctx),
    url: target.url,
    token,
    ca: target.ca ? ctx.path(target.ca) : undefined,
    insecure: target.insecure,
    timeoutMs: ctx.options.timeoutMs,
  };
}

/** An object schema that refuses unknown keys (policies fail at load on a misspelt param). */
export function object(properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: 'object', additionalProperties: false, properties, ...extra };
}

export const stringList = (description: string) => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  minItems: 1,
  uniqueItems: true,
  description,
});
