/**
 * Subjects through scoring, the decision and the documents: the seed situation, one unhealthy
 * container among 62 on a host, must cost that container's share and read naturally.
 */
import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../policies/default-rubric.ts';
import { renderControlRows } from './controls-table.ts';
import { decide } from './decision.ts';
import { renderFindings } from './findings.ts';
import type { Row } from './rows.ts';
import { sortRows } from './rows.ts';
import { sampleRow } from './sample.ts';
import { scoreRun } from './score.ts';

const containers = (host: string, n: number, unhealthy: string[] = []): Row[] =>
  Array.from({ length: n }, (_, i) => {
    const name = unhealthy[i] ?? `svc-${String(i).padStart(2, '0')}`;
    const bad = i < unhealthy.length;
    return sampleRow({
      id: 'AVL-DOCK-001',
      title: 'Containers are healthy',
      category: 'availability',
      severity: 'high',
      target: host,
      subject: name,
      outcome: bad ? 'fail' : 'pass',
      message: bad ? `${name}: unhealthy` : `${name}: healthy`,
      evidence: { observed: bad ? 'unhealthy' : 'healthy' },
    });
  });

const wholeTarget = (id: string, outcome: Row['outcome'], severity: Row['severity'] = 'high'): Row =>
  sampleRow({ id, category: 'availability', severity, target: 'master', outcome, message: outcome });

describe('subjects in the score', () => {
  it('one unhealthy container of 62 costs 1/62 of the control × target weight, not all of it', () => {
    const rows = sortRows([...containers('master', 62, ['web']), wholeTarget('AVL-HTTP-001', 'pass')]);
    const card = scoreRun(rows, defaultRubric);
    const availability = card.categories.find((c) => c.id === 'availability');
    // (7 × 61/62 + 7) / 14 = 99.19…
    expect(availability?.score).toBe(99.2);
    expect(availability?.counts).toMatchObject({ pass: 62, fail: 1 });
  });

  it('adding healthy containers does not change what the failing one costs beyond its share', () => {
    const small = scoreRun(
      sortRows([...containers('a', 2, ['web']), wholeTarget('X', 'pass')]),
      defaultRubric,
    );
    const large = scoreRun(
      sortRows([...containers('a', 20, ['web']), wholeTarget('X', 'pass')]),
      defaultRubric,
    );
    expect(small.categories[0]?.score).toBe(75); // (7 × 1/2 + 7) / 14
    expect(large.categories[0]?.score).toBe(97.5); // (7 × 19/20 + 7) / 14
  });

  it('a failed critical subject still caps the grade, naming the subject', () => {
    const rows = containers('master', 30, ['db']).map((r) => ({ ...r, severity: 'critical' as const }));
    const card = scoreRun(sortRows(rows), defaultRubric);
    expect(card.grade.capped).toBe(true);
    expect(card.grade.capReason).toContain('AVL-DOCK-001 failed on master › db');
  });

  it('coverage counts a dead host (one error row) as a whole check, not as 1 of 61 results', () => {
    const dead = sampleRow({
      id: 'AVL-DOCK-001',
      category: 'availability',
      severity: 'high',
      target: 'lady',
      outcome: 'error',
      message: 'engine unreachable',
    });
    const card = scoreRun(sortRows([...containers('master', 60), dead]), defaultRubric);
    expect(card.coverage.evaluated).toBe(61);
    expect(card.coverage.inconclusive).toBe(1);
    expect(card.coverage.share).toBeCloseTo(0.5, 9);
    expect(card.incomplete).toBe(true);
  });
});

describe('subjects in the decision and documents', () => {
  const rows = sortRows(containers('master', 62, ['web', 'worker']).map((r) => ({ ...r, blocking: true })));

  it('groups a control × target’s failing subjects into one blocking item', () => {
    const decision = decide(rows, scoreRun(rows, defaultRubric), defaultRubric);
    const items = decision.blocking.filter((b) => b.kind === 'control');
    expect(items).toEqual([
      {
        kind: 'control',
        ref: 'AVL-DOCK-001@master',
        message: 'AVL-DOCK-001 fails on master: 2 of 62 subjects (2 fail): web, worker',
      },
    ]);
  });

  it('shows the failing subjects by name and folds the 60 passing ones into one line', () => {
    const md = renderControlRows(rows);
    const lines = md.split('\n').slice(2);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('| master | high | **FAIL** | 62 subjects: 60 pass, 2 fail |');
    expect(lines[1]).toMatch(/^\| {2}\| {2}\| › web \| {2}\| \*\*FAIL\*\* \| web: unhealthy \|/);
    expect(lines[2]).toContain('› worker');
    expect(lines[3]).toContain('| › 60 subjects |  | **PASS** | svc-02, svc-03');
    expect(lines[3]).toContain('and 40 more (each is in results.json)');
  });

  it('lists failing subjects under their control × target in the findings', () => {
    const md = renderFindings(rows);
    expect(md).toContain('on master (high, **FAIL**): 62 subjects: 60 pass, 2 fail.');
    expect(md).toContain('\n  - web (**FAIL**): web: unhealthy');
    expect(md).toContain('\n  - worker (**FAIL**): worker: unhealthy');
    expect(md).not.toContain('svc-05');
  });
});
