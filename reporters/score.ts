/**
 * Pure scoring (DESIGN.md, Grading). Category score = 100 × Σ weight(met) / Σ weight(evaluated),
 * evaluated = pass | fail | error; waived and not-applicable leave the denominator. Overall =
 * category-weighted mean over categories that have evaluated weight. A failed critical control
 * caps the letter; too many inconclusive results give no grade at all ("INCOMPLETE").
 */
import type { Rubric } from '../policies/types.ts';
import type { RowOutcome } from './meta.ts';
import { isEvaluated } from './outcomes.ts';
import { type Row, whereOf } from './rows.ts';
import { type ShareOf, sharesOf } from './shares.ts';

export { isEvaluated };

export const INCOMPLETE = 'INCOMPLETE';

export interface CategoryScore {
  id: string;
  title: string;
  weight: number;
  minimum: number | undefined;
  /** null: nothing weighted was evaluated in this category, it does not enter the overall score. */
  score: number | null;
  evaluated: number;
  met: number;
  counts: Record<RowOutcome, number>;
}

export interface Grade {
  /** null when incomplete or nothing was evaluated: no flattering number. */
  score: number | null;
  letter: string;
  capped: boolean;
  capReason?: string;
}

export interface Coverage {
  /** Evaluated results (subjects count one each). */
  evaluated: number;
  /** Inconclusive results among them. */
  inconclusive: number;
  /**
   * The inconclusive share of the evaluated control × target checks: a check over n subjects
   * counts once, each of its subjects 1/n, so 60 readable containers do not hide a dead host.
   */
  share: number;
  max: number;
}

export interface Scorecard {
  categories: CategoryScore[];
  grade: Grade;
  coverage: Coverage;
  incomplete: boolean;
}

/** Rounds to one decimal, the precision every document shows (the letter follows the shown number). */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Scores every category of the rubric (in rubric order), then any category only the rows use. */
export function scoreCategories(
  rows: Row[],
  rubric: Rubric,
  share: ShareOf = sharesOf(rows),
): CategoryScore[] {
  const ids = [...Object.keys(rubric.categories)];
  for (const row of rows) if (!ids.includes(row.category)) ids.push(row.category);
  return ids.map((id) => {
    const own = rows.filter((r) => r.category === id);
    const counts = { pass: 0, fail: 0, error: 0, waived: 0, 'not-applicable': 0 } as Record<
      RowOutcome,
      number
    >;
    let total = 0;
    let metWeight = 0;
    for (const row of own) {
      counts[row.outcome]++;
      if (!isEvaluated(row.outcome)) continue;
      const w = (rubric.severityWeights[row.severity] ?? 0) * share(row);
      total += w;
      if (row.outcome === 'pass') metWeight += w;
    }
    // Own keys only: a category named `constructor` is not Object.prototype's.
    const cat = Object.hasOwn(rubric.categories, id) ? rubric.categories[id] : undefined;
    return {
      id,
      title: cat?.title ?? id,
      weight: cat?.weight ?? 0,
      minimum: cat?.minimum,
      score: total > 0 ? round1((100 * metWeight) / total) : null,
      evaluated: counts.pass + counts.fail + counts.error,
      met: counts.pass,
      counts,
    };
  });
}

/** The overall score from category scores: Σ(weight × score) / Σ(weights of scored categories). */
export function overallScore(categories: { weight: number; score: number | null }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of categories) {
    if (c.score === null || c.weight <= 0) continue;
    sum += c.weight * c.score;
    weights += c.weight;
  }
  return weights > 0 ? round1(sum / weights) : null;
}

/** The letter for a score: the first threshold it reaches, else the rubric's failing letter. */
export function letterFor(score: number, rubric: Pick<Rubric, 'thresholds' | 'failing'>): string {
  const sorted = [...rubric.thresholds].sort((a, b) => b.min - a.min);
  return sorted.find((t) => score >= t.min)?.letter ?? rubric.failing;
}

/** Rank of a letter, 0 = best; unknown letters rank with failing. */
function rank(letter: string, rubric: Rubric): number {
  const sorted = [...rubric.thresholds].sort((a, b) => b.min - a.min);
  const i = sorted.findIndex((t) => t.letter === letter);
  return i === -1 ? sorted.length : i;
}

/** The lowest cap any failed (unwaived) control imposes, with the control that caused it. */
function strictestCap(rows: Row[], rubric: Rubric): { letter: string; reason: string } | undefined {
  let best: { letter: string; reason: string } | undefined;
  for (const row of rows) {
    const cap = row.outcome === 'fail' ? rubric.caps[row.severity] : undefined;
    if (!cap) continue;
    if (!best || rank(cap, rubric) > rank(best.letter, rubric)) {
      best = {
        letter: cap,
        reason: `${row.severity} control ${row.id} failed on ${whereOf(row)} (letter capped at ${cap})`,
      };
    }
  }
  return best;
}

export function coverageOf(rows: Row[], rubric: Rubric, share: ShareOf = sharesOf(rows)): Coverage {
  let evaluated = 0;
  let inconclusive = 0;
  let checks = 0;
  let unread = 0;
  for (const r of rows) {
    if (!isEvaluated(r.outcome)) continue;
    const s = share(r);
    evaluated++;
    checks += s;
    if (r.outcome === 'error') {
      inconclusive++;
      unread += s;
    }
  }
  return {
    evaluated,
    inconclusive,
    share: checks ? unread / checks : 0,
    max: rubric.coverage.maxInconclusive,
  };
}

/** Scores a run: categories, overall grade with caps, and the coverage gate. */
export function scoreRun(rows: Row[], rubric: Rubric): Scorecard {
  const share = sharesOf(rows);
  const categories = scoreCategories(rows, rubric, share);
  const coverage = coverageOf(rows, rubric, share);
  const score = overallScore(categories);
  const incomplete = coverage.evaluated === 0 || coverage.share > coverage.max || score === null;
  if (incomplete)
    return { categories, coverage, incomplete, grade: { score: null, letter: INCOMPLETE, capped: false } };
  const letter = letterFor(score, rubric);
  const cap = strictestCap(rows, rubric);
  if (cap && rank(cap.letter, rubric) > rank(letter, rubric)) {
    return {
      categories,
      coverage,
      incomplete,
      grade: { score, letter: cap.letter, capped: true, capReason: cap.reason },
    };
  }
  return { categories, coverage, incomplete, grade: { score, letter, capped: false } };
}
