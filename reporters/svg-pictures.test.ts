import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history.ts';
import { BARS, barLayout, categoryBarsSvg } from './svg-categories.ts';
import { outcomeStacksSvg, stackSegments } from './svg-outcomes.ts';
import { chipWords, phaseChipsSvg } from './svg-phases.ts';
import { trendLayout, trendPoints, trendSvg } from './svg-trend.ts';

const counts = (pass: number, fail = 0, error = 0, waived = 0, na = 0) => ({
  pass,
  fail,
  error,
  waived,
  'not-applicable': na,
});

function entry(date: string, score: number | null, ready = false): HistoryEntry {
  return {
    date,
    generatedAt: `${date}T06:00:00Z`,
    score,
    letter: score === null ? 'INCOMPLETE' : 'B',
    ready,
    counts: counts(1),
    results: `${date}/results.json`,
  };
}

describe('category bars', () => {
  it.each([
    // weight 20 of max 20 → full track; score 50 → half; minimum 60 → tick at 60%
    [
      { label: 'A', weight: 20, score: 50, minimum: 60 },
      20,
      { track: 300, fill: 150, tick: 180, below: true },
    ],
    [{ label: 'B', weight: 10, score: 100 }, 20, { track: 150, fill: 150, tick: undefined, below: false }],
    [{ label: 'C', weight: 5, score: null, minimum: 40 }, 20, { track: 75, fill: 0, tick: 30, below: false }],
    [
      { label: 'D', weight: 15, score: 130, minimum: 10 },
      15,
      { track: 300, fill: 300, tick: 30, below: false },
    ],
  ])('values → lengths %#', (bar, max, expected) => {
    expect(barLayout(bar, max)).toEqual(expected);
  });

  it('draws one group per category with its verdict in words', () => {
    const svg = categoryBarsSvg([
      { label: 'Security', weight: 15, score: 43.5, minimum: 60 },
      { label: 'Reliability', weight: 10, score: 100 },
    ]);
    expect(svg.match(/<g class="cat"/g)).toHaveLength(2);
    expect(svg).toContain('43.5 ✗ below min 60');
    expect(svg).toContain('fill="url(#cb-hatch)"');
    expect(svg).toContain(`width="${BARS.track}"`);
    expect(categoryBarsSvg([])).toBe('');
  });

  it('escapes hostile labels and cuts them', () => {
    const svg = categoryBarsSvg([{ label: `<script>${'x'.repeat(500)}`, weight: 1, score: 1 }]);
    expect(svg).not.toContain('<script>');
    expect(svg.length).toBeLessThan(3000);
  });
});

describe('outcome stacks', () => {
  it('splits a bar in proportion to counts, in outcome order', () => {
    expect(stackSegments(counts(2, 1, 1), 400)).toEqual([
      { outcome: 'pass', count: 2, x: 0, width: 200 },
      { outcome: 'fail', count: 1, x: 200, width: 100 },
      { outcome: 'error', count: 1, x: 300, width: 100 },
    ]);
    expect(stackSegments(counts(0))).toEqual([]);
  });

  it('50,000 results are still one row of at most five parts', () => {
    const svg = outcomeStacksSvg([{ label: 'Availability', counts: counts(49_990, 7, 3) }]);
    expect(svg.match(/<g class="stack"/g)).toHaveLength(1);
    expect(svg).toContain('50,000 results');
    expect(svg).toContain('49,990 PASS');
    expect(svg.length).toBeLessThan(6000);
  });
});

describe('grade trend', () => {
  it('empty history → no trend', () => {
    expect(trendPoints([])).toEqual([]);
    expect(trendSvg([])).toBe('');
  });

  it('one run → one dot, centred, no line', () => {
    const points = trendPoints([], { date: '2025-02-01', score: 72.8, letter: 'C', ready: false });
    const svg = trendSvg(points, 85);
    expect(svg.match(/<circle/g)).toHaveLength(1);
    expect(svg).not.toContain('<path d="M');
    expect(svg).toContain('one recorded run, 2025-02-01 C 72.8 (this run)');
  });

  it('several runs → a line through graded runs; an ungraded run is a cross that breaks it', () => {
    const points = trendPoints(
      [entry('2025-01-28', 60), entry('2025-01-29', null), entry('2025-01-30', 71.2, true)],
      {
        date: '2025-02-01',
        score: 90,
        letter: 'A+',
        ready: true,
      },
    );
    expect(points.map((p) => p.score)).toEqual([60, null, 71.2, 90]);
    const at = trendLayout(points);
    expect(at[1]?.y).toBeNull();
    expect((at[3]?.y ?? 0) < (at[0]?.y ?? 0)).toBe(true);
    const svg = trendSvg(points, 85);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('class="run incomplete"');
    expect(svg).toMatch(/<path d="M[^"]*L[^"]*" fill="none"/);
    expect(svg).toContain('ready at 85');
  });

  it('keeps the latest 30 runs of a long history', () => {
    const history = Array.from({ length: 500 }, (_, i) => entry(`d${i}`, i % 100));
    expect(trendPoints(history)).toHaveLength(30);
    expect(trendPoints(history)[29]?.date).toBe('d499');
  });
});

describe('phase chips', () => {
  it('says each state in a symbol and words', () => {
    const chips = [
      { phase: 'pilot', status: 'signed' },
      { phase: 'go-live', status: 'awaiting' },
      { phase: 'dr', status: 'evidence-changed' },
      { phase: 'beta', status: 'conditional' },
      { phase: 'x', status: 'awaiting', unreadable: true },
    ];
    expect(chips.map(chipWords)).toEqual([
      'pilot: ✓ signed',
      'go-live: … awaiting sign-off',
      'dr: ⚠ evidence changed since sign-off',
      'beta: ◐ conditional',
      'x: ? sign-off cannot be read',
    ]);
    const svg = phaseChipsSvg(chips);
    expect(svg.match(/<g class="chip"/g)).toHaveLength(5);
    expect(phaseChipsSvg([])).toBe('');
  });
});
