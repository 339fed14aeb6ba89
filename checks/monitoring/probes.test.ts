// The catalog wiring end to end: a YAML policy naming the monitoring probes is loaded (params validated
// against the probes' schemas), and each control runs through the audit's RunContext against the real lab.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitoringLab, startMonitoringLab } from '../../fixtures/lab/monitoring-lab.ts';
import { loadPolicy } from '../../policies/load.ts';
import type { Policy } from '../../policies/types.ts';
import { RunContext } from '../../specs/support/run-context.ts';
import { catalog } from '../catalog.ts';
import { monitoringProbes } from './probes.ts';

let lab: MonitoringLab;
let policy: Policy;
let ctx: RunContext;

const CONTROLS = `controls:
  - { id: MON-PROM-001, title: Targets up, category: monitoring, severity: high, check: prometheus.targets, targets: [prom], params: { jobs: [node, prometheus] } }
  - { id: MON-PROM-002, title: Node job, category: monitoring, severity: medium, check: prometheus.jobs, targets: [prom], params: { expected: [{ job: node, count: 1 }] } }
  - { id: MON-PROM-003, title: Fresh scrapes, category: monitoring, severity: medium, check: prometheus.scrape-age, targets: [prom], params: { maxSeconds: 60 } }
  - { id: MON-PROM-004, title: Rules healthy, category: monitoring, severity: high, check: prometheus.rules, targets: [prom] }
  - { id: MON-PROM-005, title: Watchdog firing, category: monitoring, severity: critical, check: prometheus.alerts, targets: [prom], params: { firing: [Watchdog] } }
  - { id: MON-PROM-006, title: Retention, category: monitoring, severity: medium, check: prometheus.retention, targets: [prom], params: { minDays: 30 } }
  - { id: MON-PROM-007, title: Nodes up, category: monitoring, severity: high, check: prometheus.expression, targets: [prom], params: { query: 'up{job="node"}', expect: { op: '==', value: 1 } } }
  - { id: MON-AM-001, title: Alertmanager ready, category: monitoring, severity: high, check: alertmanager.ready, targets: [am] }
  - { id: MON-AM-002, title: Receivers, category: monitoring, severity: high, check: alertmanager.config, targets: [am] }
  - { id: MON-AM-003, title: Silences, category: monitoring, severity: low, check: alertmanager.silences, targets: [am], params: { maxAgeDays: 7 } }
`;

beforeAll(async () => {
  lab = await startMonitoringLab();
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-monitoring-policy-'));
  writeFileSync(join(dir, 'token'), 'lab-token-made-up\n');
  writeFileSync(
    join(dir, 'inventory.yaml'),
    `inventory:
  monitoring:
    - { name: prom, kind: prometheus, url: "${lab.prometheusUrl}", token: { file: token } }
    - { name: am, kind: alertmanager, url: "${lab.alertmanagerUrl}/" }
`,
  );
  writeFileSync(join(dir, 'controls.yaml'), CONTROLS);
  policy = await loadPolicy(dir, { registry: catalog });
  ctx = new RunContext(
    policy,
    { timeoutMs: 5000, active: false, now: new Date(), reportsDir: dir, concurrency: 4 },
    catalog,
  );
});
afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
});

describe('monitoring probes in the catalog', () => {
  it('registers every probe once, with monitoringKind set and only the test alert active', () => {
    for (const probe of monitoringProbes) {
      expect(catalog.get(probe.name)).toBe(probe);
      expect(probe.target).toBe('monitoring');
      expect(probe.monitoringKind).toBe(probe.name.split('.')[0]);
    }
    expect(monitoringProbes.filter((p) => p.active).map((p) => p.name)).toEqual(['alertmanager.test-alert']);
  });

  it.each([
    'MON-PROM-001',
    'MON-PROM-002',
    'MON-PROM-003',
    'MON-PROM-005',
    'MON-PROM-006',
    'MON-PROM-007',
    'MON-AM-001',
    'MON-AM-002',
    'MON-AM-003',
  ])('%s passes against the lab', async (id) => {
    const control = policy.controls.find((c) => c.id === id)!;
    const target = ctx.index.get('monitoring', (control.targets as string[])[0])!;
    const r = await ctx.measure(catalog.get(control.check)!, target, control.params ?? {});
    expect(r.outcome, r.message).toBe('pass');
  });

  it('MON-PROM-004 fails on the lab’s broken rule', async () => {
    const r = await ctx.fact('prometheus.rules', 'prom');
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.filter((s) => s.outcome === 'fail').map((s) => s.subject)).toEqual([
      'broken/broken:label_replace',
    ]);
  });

  it('refuses a policy with a misspelt param before any connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-monitoring-bad-'));
    writeFileSync(
      join(dir, 'p.yaml'),
      `inventory:\n  monitoring: [{ name: prom, kind: prometheus, url: "http://127.0.0.1:1" }]\ncontrols:\n  - { id: MON-PROM-009, title: t, category: monitoring, severity: low, check: prometheus.retention, targets: [prom], params: { minDayz: 3 } }\n`,
    );
    await expect(loadPolicy(dir, { registry: catalog })).rejects.toThrow(/minDayz|minDays/);
  });
});
