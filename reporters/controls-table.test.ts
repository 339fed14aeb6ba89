import { describe, expect, it } from 'vitest';
import { ROWS_PER_OUTCOME, renderControlRows } from './controls-table.ts';
import { renderFindings } from './findings.ts';
import type { Row } from './rows.ts';

const row = (target: string, outcome: Row['outcome']): Row => ({
  id: 'AVA-SITE-001',
  title: 'Every site answers',
  category: 'availability',
  severity: 'high',
  check: 'http.status',
  target,
  targetKind: 'endpoint',
  blocking: false,
  outcome,
  message: outcome === 'pass' ? 'answered 200' : 'answered 502',
  evidence: { observed: outcome === 'pass' ? 200 : 502 },
  durationMs: 1,
});

describe('documents at fleet scale', () => {
  const rows = [
    ...Array.from({ length: 5000 }, (_, i) => row(`site-${String(i).padStart(5, '0')}`, 'pass')),
    ...Array.from({ length: 3 }, (_, i) => row(`down-${i}`, 'fail')),
  ];

  it('folds a control’s passing targets past the limit but lists every failing one', () => {
    const md = renderControlRows(rows);
    const lines = md.split('\n').filter((l) => l.startsWith('| `AVA-SITE-001`'));
    expect(lines).toHaveLength(ROWS_PER_OUTCOME + 3);
    expect(md).toContain('pass on 4,976 more targets (every one is in results.json)');
    for (const t of ['down-0', 'down-1', 'down-2']) expect(md).toContain(`| ${t} |`);
  });

  it('keeps findings readable when thousands of targets fail', () => {
    const failing = Array.from({ length: 1000 }, (_, i) => row(`s${i}`, 'fail'));
    const md = renderFindings(failing);
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(ROWS_PER_OUTCOME);
    expect(md).toContain('fail on 976 more targets');
  });

  it('shows small runs row by row, unchanged', () => {
    const md = renderControlRows(rows.slice(0, 3));
    expect(md).toContain('| site-00002 |');
    expect(md).not.toContain('more targets');
  });
});
