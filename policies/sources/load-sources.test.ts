/**
 * Sources through the loader: resolved before selectors are checked (a group only the source
 * yields selects its endpoints), a failing source stops the load with a PolicyError naming
 * it, and READYSPEC_INVENTORY keeps one resolved inventory for the runs that share it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogIndex } from '../../checks/catalog-index.ts';
import { PolicyError } from '../errors.ts';
import { loadPolicy } from '../load.ts';
import { TargetIndex } from '../select.ts';

let sites = 3;
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(
      Array.from({ length: sites }, (_, i) => ({ domain: `s${i}.example`, tier: i ? 'silver' : 'gold' })),
    ),
  );
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sites`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function policy(sourceUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-load-sources-'));
  writeFileSync(
    join(dir, 'policy.yaml'),
    `inventory:
  sources:
    - { name: cp, kind: http, url: "${sourceUrl}", as: endpoints, map: { name: "{{domain}}", url: "https://{{domain}}/", groups: ["tier-{{tier}}"] } }
controls:
  - { id: AVL-GOLD-001, title: Gold sites answer, category: availability, severity: high, check: http.status, targets: { groups: [tier-gold] } }
`,
  );
  return dir;
}

describe('loadPolicy with inventory sources', () => {
  it('selectors see the resolved inventory; the policy records what each source yielded', async () => {
    const p = await loadPolicy(policy(url));
    expect(p.inventory.endpoints.map((e) => e.name)).toEqual(['s0.example', 's1.example', 's2.example']);
    expect(p.inventory.endpoints[0]?.groups).toEqual(['tier-gold', 'cp']);
    const control = p.controls[0]!;
    expect(
      new TargetIndex(p.inventory)
        .select(control, catalogIndex.get(control.check)!)
        .targets.map((t) => t.name),
    ).toEqual(['s0.example']);
    expect(p.sources).toMatchObject([{ name: 'cp', kind: 'http', from: 'live', endpoints: 3, hosts: 0 }]);
  });

  it('a failing source is a PolicyError naming it, and nothing about the selectors it left empty', async () => {
    const err = await loadPolicy(policy(url.replace('/sites', '/nope').replace(/:\d+\//, ':1/'))).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toMatch(/inventory source "cp" \(http http:\/\/127\.0\.0\.1:1\/nope\)/);
    expect(err.message).not.toMatch(/select/);
  });

  it('READYSPEC_INVENTORY: the first load writes the resolved inventory, later loads read it', async () => {
    const dir = policy(url);
    const file = join(dir, 'resolved.json');
    process.env.READYSPEC_INVENTORY = file;
    try {
      sites = 3;
      await loadPolicy(dir);
      expect(existsSync(file)).toBe(true);
      sites = 5; // the control plane changed between two shards of one CI run
      const again = await loadPolicy(dir);
      expect(again.inventory.endpoints).toHaveLength(3);
      expect(again.sources?.[0]?.from).toBe(file);
    } finally {
      delete process.env.READYSPEC_INVENTORY;
      sites = 3;
    }
  });
});
