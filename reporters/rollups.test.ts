/** Roll-ups by group family and failing.csv, from rows built here (pure functions). */
import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../policies/types.ts';
import { csvCell, renderFailingCsv } from './failing-csv.ts';
import { renderRollups, rollUp, withRollups } from './rollups.ts';
import type { Row } from './rows.ts';

const row = (id: string, target: string, outcome: Row['outcome'], message = 'm', subject?: string): Row =>
  ({
    id,
    title: id,
    category: 'availability',
    severity: 'high',
    check: 'http.status',
    target,
    subject,
    targetKind: 'endpoint',
    blocking: false,
    outcome,
    message,
    evidence: {},
    durationMs: 1,
  }) as Row;

// 40 sites over 4 shards and 8 tenants; shard-002 holds most failures.
const inventory = emptyInventory();
const rows: Row[] = [];
for (let i = 0; i < 40; i++) {
  const name = `site-${i}`;
  inventory.endpoints.push({
    name,
    url: `https://${name}/`,
    groups: [`shard-00${i % 4}`, `tenant-t${i % 8}`, 'cp'],
  });
  const bad = i % 4 === 2 ? i < 30 : i === 5;
  rows.push(row('AVL-SITE-001', name, bad ? 'fail' : 'pass'));
  // A second failing control on the same site counts the site once.
  if (bad) rows.push(row('FLT-SHARD-001', name, 'error'));
}

describe('rollUp', () => {
  it('failing targets per group, worst first, per family; a group of every target is left out', () => {
    const families = rollUp(rows, inventory);
    expect([...families.keys()]).toEqual(['shard', 'tenant']);
    expect(families.get('shard')?.map((g) => [g.group, g.failing, g.checked])).toEqual([
      ['shard-002', 7, 10],
      ['shard-001', 1, 10],
      ['shard-000', 0, 10],
      ['shard-003', 0, 10],
    ]);
    expect(families.get('shard')?.[0]?.worstControl).toBe('AVL-SITE-001');
    expect(
      families
        .get('tenant')
        ?.slice(0, 2)
        .map((g) => [g.group, g.failing]),
    ).toEqual([
      ['tenant-t2', 4],
      ['tenant-t6', 3],
    ]);
  });

  it('renders a section only for a fleet large enough, placed before the given heading', () => {
    const section = renderRollups(rows, inventory);
    expect(section).toContain('### By shard (2 of 4 groups with failures)');
    expect(section).toContain('| shard-002 | 7 | 10 | `AVL-SITE-001` |');
    expect(renderRollups(rows.slice(0, 10), inventory)).toBe('');
    expect(
      withRollups('# A\n\n## Blocking\n\nx\n\n## Caps applied\n\ny\n', section, ['## Caps applied']),
    ).toMatch(/## Blocking\n\nx\n\n## Failing targets by group[\s\S]*\n\n## Caps applied/);
  });
});

describe('failing.csv', () => {
  it.each([
    ['plain', 'plain'],
    ['say "hi", then\nleave', '"say ""hi"", then\nleave"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
  ])('%j is one safe cell', (value, cell) => {
    expect(csvCell(value)).toBe(value === 'plain' ? '"plain"' : cell);
  });

  it('has every failing and inconclusive row, and no passing one', () => {
    const csv = renderFailingCsv([
      row('A-B-001', 'web', 'pass'),
      row('A-B-001', 'db', 'fail', 'down, since =now'),
      row('A-B-002', 'db', 'error', 'timeout', 'job/instance'),
      row('A-B-003', 'db', 'waived'),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'control,target,subject,outcome,message',
      '"A-B-001","db","","fail","down, since =now"',
      '"A-B-002","db","job/instance","error","timeout"',
      '',
    ]);
  });
});
