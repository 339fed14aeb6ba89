/**
 * results.json: the machine-readable run that history, trends and CI read. Versioned; add
 * fields, never change the meaning of one without bumping schemaVersion.
 */
import type { Evidence } from '../checks/probe.ts';
import type { Severity } from '../policies/types.ts';
import type { BlockingItem, Decision } from './decision.ts';
import type { RowOutcome, WaiverInfo } from './meta.ts';
import type { Provenance } from './provenance.ts';
import type { Row } from './rows.ts';
import type { Coverage, Grade, Scorecard } from './score.ts';

/**
 * 2: controls carry `subject` (one row per thing checked by a collection check). Fields added
 * within 2: `partial` (a run that did not grade the whole policy) and `provenance`. The shape
 * is published as results.schema.json beside this module.
 */
export const SCHEMA_VERSION = 2;

export interface ResultControl {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  check: string;
  target: string;
  /** The thing checked on the target, for a check over a collection; absent otherwise. */
  subject?: string;
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
  /** readyspec version, policy digest and commit, host, start and duration (set by run.ts). */
  provenance?: Provenance;
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
    // One fixed shape per control (no spread): `subject` and `phase` are left out of the JSON when undefined.
    controls: rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      severity: r.severity,
      check: r.check,
      target: r.target,
      subject: r.subject,
      blocking: r.blocking,
      phase: r.phase || undefined,
      outcome: r.outcome,
      message: r.message,
      evidence: r.evidence,
      waiver: r.waiver ?? null,
    })),
  };
}

/** Controls per chunk of resultsChunks: a few hundred kilobytes of text at a time. */
const CONTROLS_PER_CHUNK = 1000;

/**
 * results.json text, in chunks to write one after the other: the summary indented for people,
 * then one control per line, so 50,000 controls stay a file that diffs line by line and is a
 * third of the fully indented size. Written as one string, 50,000 controls were a 17 MB string
 * built three times over (and its UTF-8 copy): 110 MB at the end of the run.
 */
export function* resultsChunks(results: Results): Generator<string> {
  const { controls, ...summary } = results;
  // controls last: its placeholder is then the last `"controls": []` of the text.
  const head = JSON.stringify({ ...summary, controls: [] }, null, 2);
  const at = head.lastIndexOf('"controls": []');
  if (controls.length === 0 || at < 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, at)}"controls": [\n`;
  for (let start = 0; start < controls.length; start += CONTROLS_PER_CHUNK) {
    const end = Math.min(start + CONTROLS_PER_CHUNK, controls.length);
    let chunk = '';
    for (let i = start; i < end; i++)
      chunk += `    ${JSON.stringify(controls[i])}${i < controls.length - 1 ? ',\n' : '\n'}`;
    yield chunk;
  }
  yield `  ]${head.slice(at + '"controls": []'.length)}\n`;
}

export function serializeResults(results: Results): string {
  return [...resultsChunks(results)].join('');
}
