/**
 * One category split across runners: 1,000 sites in one category, audited whole and as n
 * shards (n = 1..4) merged with vitest's --merge-reports. Each shard probes only its share of
 * the control × target pairs (every shard gets some), the shards together probe each pair
 * once, and the merged run writes the same documents and results.json byte for byte, but for
 * the request times the targets took (measured anew by every run).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNginx, startNginx } from '../../fixtures/lab/nginx.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { reportTree, unmeasured } from '../../fixtures/lab/report-tree.ts';
import { expectValidResults } from '../../reporters/expect-results.ts';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-23T12:00:00Z';
const DAY = '2026-11-23';
const SITES = 1000;

let nginx: RunningNginx;
let dir: string;
let policy: string;

function vitest(args: string[], reports: string) {
  const run = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports, READYSPEC_NOW: NOW },
  });
  return `${run.stdout}\n${run.stderr}`;
}

/** '' when equal, else the text around the first difference (a whole document is unreadable in a diff). */
function firstDifference(a: string, b: string): string {
  if (a === b) return '';
  let i = 0;
  while (a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}

beforeAll(async () => {
  nginx = await startNginx({
    servers: [
      {
        locations: [
          { match: '~ ^/ok/', directives: ['return 200 "ok"'] },
          { match: '~ ^/bad/', directives: ['return 500'] },
        ],
      },
    ],
  });
  dir = labDir('shard');
  policy = join(dir, 'policy');
  mkdirSync(policy);
  const endpoints = Array.from({ length: SITES }, (_, i) => {
    const path = i % 50 === 7 ? `/bad/${i}` : `/ok/${i}`;
    return `    - { name: site-${String(i).padStart(4, '0')}, url: "${nginx.url(path)}", groups: [sites] }`;
  });
  writeFileSync(
    join(policy, 'policy.yaml'),
    `inventory:
  endpoints:
${endpoints.join('\n')}
controls:
  - { id: AVL-SITE-001, title: Site answers, category: availability, severity: high, check: http.status, targets: { groups: [sites] }, params: { expect: [200] } }
  - { id: SEC-SITE-001, title: Site answers (security view), category: security, severity: low, check: http.status, targets: { groups: [sites] }, params: { expect: [200] } }
`,
  );
});

afterAll(async () => {
  await nginx?.stop();
});

describe('--shard=i/n within categories', () => {
  it(
    'n = 1..4: shards split each category, merged they equal the single run byte for byte',
    { timeout: 600_000 },
    () => {
      const single = join(dir, 'single');
      expect(vitest(['--project', 'audit'], single)).toContain('Grade');
      const files = reportTree(single);
      expect(files).toContain(`${DAY}/results.json`);
      expectValidResults(single);
      const singleResults = JSON.parse(readFileSync(join(single, DAY, 'results.json'), 'utf8'));
      const own = singleResults.controls.filter((c: { id: string }) => c.id.endsWith('-SITE-001'));
      expect(own).toHaveLength(2 * SITES);
      expect(own.filter((c: { outcome: string }) => c.outcome === 'fail')).toHaveLength(2 * (SITES / 50));
      for (const n of [1, 2, 3, 4]) {
        const blobs = join(dir, `blobs-${n}`);
        const perShard: number[] = [];
        for (let i = 1; i <= n; i++) {
          const out = vitest(
            [
              '--project',
              'audit',
              `--shard=${i}/${n}`,
              '--reporter=blob',
              `--outputFile=${join(blobs, `blob-${i}.json`)}`,
            ],
            join(dir, `shard-${n}-${i}`),
          );
          expect(out).toContain('blob report written');
          const blob = readFileSync(join(blobs, `blob-${i}.json`), 'utf8');
          // A test's name appears several times in a blob (name, full name): count sites once.
          perShard.push(new Set(blob.match(/AVL-SITE-001 Site answers @ site-\d+/g)).size);
        }
        // Every shard probes a share of the one large category; together, each site once.
        if (n > 1) for (const count of perShard) expect(count).toBeGreaterThan(SITES / n / 2);
        expect(perShard.reduce((a, b) => a + b, 0)).toBe(SITES);
        const merged = join(dir, `merged-${n}`);
        expect(vitest([`--merge-reports=${blobs}`], merged)).toContain('Grade');
        expect(reportTree(merged)).toEqual(files);
        expectValidResults(merged);
        for (const f of files)
          expect(
            firstDifference(unmeasured(join(merged, f)), unmeasured(join(single, f))),
            `n=${n}: ${f}`,
          ).toBe('');
      }
    },
  );
});
