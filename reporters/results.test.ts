import { expect, it } from 'vitest';
import { type Results, resultsChunks, serializeResults } from './results.ts';

const base = {
  schemaVersion: 2,
  date: '2026-11-23',
  generatedAt: '2026-11-23T12:00:00.000Z',
  policy: 'p',
  grade: { score: 90, letter: 'A+', capped: false },
  decision: { ready: true, blocking: [] },
  coverage: { evaluated: 2, inconclusive: 0, share: 0, max: 0.1 },
  categories: [],
} as unknown as Results;

it('writes one control per line and parses back to the same results', () => {
  const controls = [
    { id: 'A-B-001', target: 'x', outcome: 'pass', evidence: { observed: '"controls": []' } },
    { id: 'A-B-002', target: 'y', outcome: 'fail', evidence: {} },
  ];
  const results = { ...base, controls } as unknown as Results;
  const text = serializeResults(results);
  expect(JSON.parse(text)).toEqual(results);
  expect(text.split('\n').filter((l) => l.startsWith('    {"id"'))).toHaveLength(2);
});

it('handles a run without controls', () => {
  const results = { ...base, controls: [] } as unknown as Results;
  expect(JSON.parse(serializeResults(results))).toEqual(results);
});

it('comes in chunks of at most a thousand controls, ending with the summary after them', () => {
  const controls = Array.from({ length: 2500 }, (_, i) => ({
    id: 'A-B-001',
    target: `t${i}`,
    outcome: 'pass',
  }));
  const results = { ...base, controls } as unknown as Results;
  const chunks = [...resultsChunks(results)];
  // head, three chunks of controls (1000, 1000, 500), tail
  expect(chunks).toHaveLength(5);
  expect(chunks[1]?.split('\n').filter(Boolean)).toHaveLength(1000);
  expect(chunks[3]?.split('\n').filter(Boolean)).toHaveLength(500);
  expect(JSON.parse(chunks.join(''))).toEqual(results);
});
