/**
 * Which checks measure a figure a document may claim, and which numeric fields of their
 * evidence hold it. A claim may name only these: the policy loader rejects any other check or
 * field before a connection is made, and a claim compares with exactly the figure named,
 * never a count guessed from whatever the evidence holds. Light on purpose (no probe imports):
 * validation reads it from the catalog index without loading any probe area.
 */
import type { MonitoringKind, TargetKind } from '../../policies/types.ts';
import { CONTAINER_STATES } from '../docker/states.ts';
import type { Evidence, Json } from '../probe.ts';

export interface FactSource {
  /** The inventory kind the check measures (a test keeps it equal to the probe's own). */
  target: TargetKind;
  /** For monitoring targets: the kind of service the check speaks to. */
  monitoringKind?: MonitoringKind;
  /** Field name → JSON pointer into the check's evidence. */
  fields: Record<string, string>;
}

export const FACT_SOURCES: Record<string, FactSource> = {
  // Top-level counts the docker.containers evidence carries: all containers, and per state.
  'docker.containers': {
    target: 'host',
    fields: Object.fromEntries(['total', ...CONTAINER_STATES].map((f) => [f, `/${f}`])),
  },
  'dr.playbooks': { target: 'document', fields: { count: '/observed' } },
  'backup.retention': { target: 'backup', fields: { count: '/observed' } },
  'grafana.dashboards': {
    target: 'monitoring',
    monitoringKind: 'grafana',
    fields: { count: '/observed/count' },
  },
};

/** The fields a check declares, or undefined when it is no source of facts. */
export function factFields(check: string): string[] | undefined {
  const source = FACT_SOURCES[check];
  return source ? Object.keys(source.fields) : undefined;
}

/**
 * The numeric value of a declared field in a check's evidence; undefined when the check does
 * not declare the field or its evidence does not hold a finite number there.
 * @example factField('docker.containers', 'total', { total: 5, running: 4 }) // 5
 */
export function factField(check: string, field: string, evidence: Evidence): number | undefined {
  const pointer = FACT_SOURCES[check]?.fields[field];
  if (pointer === undefined) return undefined;
  let current: Json | undefined = evidence as Json;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    current =
      current && typeof current === 'object' && !Array.isArray(current)
        ? (current as Record<string, Json>)[key]
        : undefined;
  }
  return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
}
