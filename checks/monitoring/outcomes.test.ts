// The outcome audit of every monitoring probe: whatever the probe could not read (nothing
// listening, no answer in time, 500, 401, 404 from the real Prometheus and Alertmanager, JSON cut
// short, JSON of the wrong shape, lists of wrongly shaped items) is `error` naming the cause:
// never `fail`, never `pass`, and never a per-subject verdict built on an answer it could not read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import {
  type FaultServer,
  type MonitoringFault,
  startFaultServer,
} from '../../fixtures/lab/monitoring-faults.ts';
import { type MonitoringLab, startMonitoringLab } from '../../fixtures/lab/monitoring-lab.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import type { MonitoringEntry, MonitoringKind } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { monitoringProbes } from './probes.ts';

/** Minimal valid params of each probe; the table must name every monitoring probe. */
const PARAMS: Record<string, Record<string, unknown>> = {
  'prometheus.targets': {},
  'prometheus.jobs': { expected: [{ job: 'node' }] },
  'prometheus.scrape-age': { maxSeconds: 60 },
  'prometheus.rules': {},
  'prometheus.alerts': { firing: ['Watchdog'] },
  'prometheus.retention': { minDays: 1 },
  'prometheus.expression': { query: 'up', expect: 'non-empty' },
  'alertmanager.ready': {},
  'alertmanager.config': {},
  'alertmanager.silences': { maxAgeDays: 7 },
  'alertmanager.test-alert': {
    receiverCheck: { url: 'http://127.0.0.1:9/received?label={id}' },
    timeoutSeconds: 1,
  },
  'grafana.health': {},
  'grafana.dashboards': { min: 1 },
  'grafana.datasources': {},
  'loki.ready': {},
  'loki.ingestion': { hosts: ['web1'], maxMinutes: 5 },
  'traefik.routers': {},
  'traefik.services': {},
};
/** Text endpoints: any 200 body is Alertmanager's "ready", so body faults say nothing about them. */
const TEXT_ONLY = new Set(['alertmanager.ready']);
/**
 * Probes that read text, not JSON, name a body fault their own way: Loki's /ready must say
 * "ready"; the test alert's POST answer is empty, so a body fault shows at the receiver check.
 */
const TEXT_CAUSE: Record<string, RegExp> = {
  'loki.ready': /200 without Loki's "ready"/,
  'alertmanager.test-alert': /cannot observe delivery/,
};
const BODY_FAULT = /json|shape|items/;

const CAUSES: Record<MonitoringFault | 'refused', RegExp> = {
  refused: /ECONNREFUSED|refused/i,
  hang: /timed? ?out|timeout/i,
  'status-500': /unexpected status 500/,
  'status-401': /401 \(no token configured\); cannot evaluate without read access/,
  'malformed-json': /answer is not JSON/,
  'wrong-shape': /unexpected answer/,
  'wrong-items': /unexpected answer/,
};

const TIMEOUT_MS = 700;
let lab: MonitoringLab;
const faults = new Map<MonitoringFault, FaultServer>();
let refusedUrl: string;
const contexts: ReturnType<typeof labContext>[] = [];

beforeAll(async () => {
  lab = await startMonitoringLab();
  for (const fault of Object.keys(CAUSES).filter((f) => f !== 'refused') as MonitoringFault[])
    faults.set(fault, await startFaultServer(fault));
  refusedUrl = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  for (const ctx of contexts) await ctx.close();
  for (const s of faults.values()) await s.stop();
  await lab?.stop();
});

/** Runs a probe through its definition against a monitoring entry at `url`, as the engine would. */
async function run(probe: AnyProbe, url: string) {
  const target: MonitoringEntry = { name: 'faulty', kind: probe.monitoringKind as MonitoringKind, url };
  const ctx = labContext({
    baseDir: lab.dir,
    probes: monitoringProbes,
    inventory: { monitoring: [target] },
    options: { timeoutMs: TIMEOUT_MS, active: true },
  });
  contexts.push(ctx);
  return probe.run(ctx, target, PARAMS[probe.name]);
}

const rows = monitoringProbes.flatMap((probe) =>
  (Object.keys(CAUSES) as (MonitoringFault | 'refused')[])
    .filter((fault) => !(TEXT_ONLY.has(probe.name) && BODY_FAULT.test(fault)))
    .map((fault) => [probe.name, fault] as const),
);

describe('monitoring probes when the service cannot be read', () => {
  it('the table names every monitoring probe', () => {
    expect(Object.keys(PARAMS).sort()).toEqual(monitoringProbes.map((p) => p.name).sort());
  });

  it.each(rows)('%s, %s → error naming the cause', async (name, fault) => {
    const probe = monitoringProbes.find((p) => p.name === name) as AnyProbe;
    const url = fault === 'refused' ? refusedUrl : (faults.get(fault) as FaultServer).url;
    const r = await run(probe, url);
    expect(r.outcome, r.message).toBe('error');
    const cause = BODY_FAULT.test(fault) && TEXT_CAUSE[name] ? TEXT_CAUSE[name] : CAUSES[fault];
    expect(r.message).toMatch(cause);
    expect(r.subjects).toBeUndefined();
  });

  it.each(
    monitoringProbes
      .filter((p) => p.monitoringKind === 'prometheus' || p.monitoringKind === 'alertmanager')
      .map((p) => [p.name]),
  )('%s → error when the real service answers 404 (wrong path prefix)', async (name) => {
    const probe = monitoringProbes.find((p) => p.name === name) as AnyProbe;
    const base = probe.monitoringKind === 'prometheus' ? lab.prometheusUrl : lab.alertmanagerUrl;
    const r = await run(probe, `${base}/no-such-prefix/`);
    expect(r.outcome, r.message).toBe('error');
    expect(r.message).toMatch(/unexpected status 404|405/);
  });
});
