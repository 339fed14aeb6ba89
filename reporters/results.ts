/**
 * results.json: the machine-readable run that history, trends and CI read. Versioned; add
 * fields, never change the meaning of one without bumping schemaVersion.
 */
import type { Evidence } from '../checks/probe.ts';
import type { Severity } from '../policies/types.ts';
import type { BlockingItem, Decision } from './decision.ts';
import type { RowOutcome, WaiverInfo } from './meta.ts';
import type { Row } from './rows.ts';
import type { Coverage, Grade, Scorecard } from './score.ts';

export const SCHEMA_VERSION = 1;

export interface ResultControl {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  check: string;
  target: string;
  blocking: boolean;
  phase?: string;
  outcome: RowOutcome;
  message: string;
  evidence: Evidence;
  waiver: WaiverInfo | null;
}

export interface Results {
  schemaVersion: typeof SCHEMA_VERSION;
  date: string;
  generatedAt: string;
  policy: string;
  grade: Grade;
  decision: { ready: boolean; blocking: BlockingItem[] };
  coverage: Coverage;
  categories: {
    id: string;
    weight: number;
    score: number | null;
    minimum: number | null;
    evaluated: number;
    met: number;
  }[];
  counts: Record<RowOutcome, number>;
  controls: ResultControl[];
}

export function countOutcomes(rows: Row[]): Record<RowOutcome, number> {
  const counts: Record<RowOutcome, number> = { pass: 0, fail: 0, error: 0, waived: 0, 'not-applicable': 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

/** Builds results.json from already redacted rows. */
export function buildResults(input: {
  date: string;
  now: Date;
  policy: string;
  rows: Row[];
  card: Scorecard;
  decision: Decision;
}): Results {
  const { card, decision, rows } = input;
  return {
    schemaVersion: SCHEMA_VERSION,
    date: input.date,
    generatedAt: input.now.toISOString(),
    policy: input.policy,
    grade: card.grade,
    decision: { ready: decision.ready, blocking: decision.blocking },
    coverage: card.coverage,
    categories: card.categories.map((c) => ({
      id: c.id,
      weight: c.weight,
      score: c.score,
      minimum: c.minimum ?? null,
      evaluated: c.evaluated,
      met: c.met,
    })),
    counts: countOutcomes(rows),
    controls: rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      severity: r.severity,
      check: r.check,
      target: r.target,
      blocking: r.blocking,
      ...(r.phase ? { phase: r.phase } : {}),
      outcome: r.outcome,
      message: r.message,
      evidence: r.evidence,
      waiver: r.waiver ?? null,
    })),
  };
}

/**
 * results.json text: the summary indented for people, then one control per line, so 50,000
 * controls stay a file that diffs line by line and is a third of the fully indented size.
 */
export function serializeResults(results: Results): string {
  const head = JSON.stringify({ ...results, controls: [] }, null, 2);
  if (results.controls.length === 0) return `${head}\n`;
  const lines = results.controls.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  return `${head.replace(/"controls": \[\]/, `"controls": [\n${lines}\n  ]`)}\n`;
}
