// docs.claim against a fact another area measures in the same run: Grafana's dashboard count,
// read by grafana.dashboards from a server answering with payloads recorded from Grafana's API.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { type RecordedServer, startRecordedServer } from '../../fixtures/lab/recorded-server.ts';
import type { DocumentEntry, MonitoringEntry } from '../../policies/types.ts';
import { monitoringProbes } from '../monitoring/probes.ts';
import type { AnyProbe } from '../registry.ts';
import { docsProbes } from './probes.ts';

const TOKEN = 'glsa_lab_token_for_claims';
const dir = labDir('docs-facts');
const documents: DocumentEntry[] = [{ name: 'monitoring-doc', path: 'MONITORING.md' }];
const monitoring: MonitoringEntry[] = [];
let grafana: RecordedServer;
let ctx: ReturnType<typeof labContext>;
const claim = docsProbes.find((p) => p.name === 'docs.claim') as AnyProbe;
const dashboards = { check: 'grafana.dashboards', target: 'grafana' };

beforeAll(async () => {
  grafana = await startRecordedServer({ '/api/search': { file: 'grafana/search-dashboards.json' } }, TOKEN);
  monitoring.push({
    name: 'grafana',
    kind: 'grafana',
    url: grafana.url,
    token: { env: 'READYSPEC_LAB_GRAFANA_TOKEN' },
  });
  process.env.READYSPEC_LAB_GRAFANA_TOKEN = TOKEN;
  writeFileSync(
    join(dir, 'MONITORING.md'),
    '# Monitoring\n\nGrafana holds **3** dashboards.\n\n## Summary\n\n| Item | Count |\n|---|---|\n| Dashboards | 5 |\n',
  );
  ctx = labContext({
    baseDir: dir,
    inventory: { documents, monitoring },
    probes: [...docsProbes, ...monitoringProbes],
  });
});

afterAll(async () => {
  await ctx.close();
  await grafana?.stop();
});

describe('docs.claim with a fact from grafana.dashboards', () => {
  it('passes the true sentence, fails the stale table cell, and measures the fact once', async () => {
    const sentence = await claim.run(ctx, documents[0], {
      pattern: 'holds (\\d+) dashboards',
      fact: dashboards,
    });
    const cell = await claim.run(ctx, documents[0], {
      heading: 'Summary',
      cell: { column: 'Count', row: 'Dashboards' },
      fact: dashboards,
    });
    expect(sentence).toMatchObject({ outcome: 'pass', evidence: { observed: '3', expected: 3 } });
    expect(cell).toMatchObject({ outcome: 'fail', evidence: { observed: '5', expected: 3 } });
    expect(cell.message).toMatch(/claims 5, but grafana.dashboards count on grafana measures 3/);
    expect(grafana.requests.filter((r) => r.url.startsWith('/api/search'))).toHaveLength(1);
  });

  it('is an error when the fact cannot be measured (Grafana refuses the token)', async () => {
    process.env.READYSPEC_LAB_GRAFANA_TOKEN = 'revoked';
    const r = await claim.run(ctx, documents[0], {
      pattern: 'holds (\\d+) dashboards',
      fact: { ...dashboards, params: { min: 1 } },
    });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/cannot measure the fact.*grafana.dashboards on grafana could not measure: /);
  });
});
