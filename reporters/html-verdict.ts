/**
 * The verdict every document opens with: READY, NOT READY, INCOMPLETE (no grade: too much
 * could not be evaluated) or PARTIAL (the run did not grade the whole policy), with grade,
 * letter, date, policy and the first blockers. One set of facts, written as a Markdown
 * blockquote and as the HTML banner, so both documents say the same thing first. Pure.
 */
import { text } from './format.ts';
import { escapeHtml } from './html-table.ts';
import type { RunReport } from './model.ts';
import type { PartialRun } from './partial.ts';

export type VerdictState = 'READY' | 'NOT READY' | 'INCOMPLETE' | 'PARTIAL';

export interface Verdict {
  state: VerdictState;
  /** What the graded results alone decide (a partial run's is not the day's decision). */
  decision: 'READY' | 'NOT READY';
  letter: string;
  score: number | null;
  capped: boolean;
  date: string;
  policy: string;
  /** The first blocking items, each cut to a readable length. */
  blockers: string[];
  /** How many blocking items there are in all. */
  blocking: number;
  partialReason?: string;
}

/** Blocking items the banner names; the rest are counted. */
export const BANNER_BLOCKERS = 3;
const BLOCKER_CHARS = 180;

const SYMBOL: Record<VerdictState, string> = {
  READY: '✓',
  'NOT READY': '✗',
  INCOMPLETE: '?',
  PARTIAL: '◐',
};

/** The verdict of a run as its documents state it. */
export function verdictOf(report: RunReport, partial?: PartialRun): Verdict {
  const { grade } = report.card;
  const decision = report.decision.ready ? 'READY' : 'NOT READY';
  const state: VerdictState = partial ? 'PARTIAL' : report.card.incomplete ? 'INCOMPLETE' : decision;
  const cut = (s: string) => (s.length > BLOCKER_CHARS ? `${s.slice(0, BLOCKER_CHARS - 1)}…` : s);
  return {
    state,
    decision,
    letter: grade.letter,
    score: grade.score,
    capped: grade.capped,
    date: report.date,
    policy: report.policy,
    blockers: report.decision.blocking.slice(0, BANNER_BLOCKERS).map((b) => cut(b.message)),
    blocking: report.decision.blocking.length,
    ...(partial ? { partialReason: partial.reason } : {}),
  };
}

function gradeWords(v: Verdict): string {
  if (v.score === null) return v.state === 'INCOMPLETE' ? 'no grade' : `grade ${v.letter}`;
  return `grade ${v.letter} ${v.score.toFixed(1)} / 100${v.capped ? ' (capped)' : ''}`;
}

/** What the banner says after the state word, in plain text. */
export function verdictLine(v: Verdict): string {
  if (v.state === 'PARTIAL')
    return `what ran has ${gradeWords(v)} and would be ${v.decision}; this is not the day's decision`;
  if (v.state === 'INCOMPLETE') return `no grade: too many results could not be evaluated`;
  return gradeWords(v);
}

function blockersHead(v: Verdict): string {
  if (v.blocking === 0) return 'Nothing blocks.';
  const of = v.blocking > v.blockers.length ? `first ${v.blockers.length} of ${v.blocking}` : `${v.blocking}`;
  return `Blocking (${of}):`;
}

/** The running header of a printed page: policy, date, decision. */
export function runningHeader(v: Verdict): string {
  return `${v.policy} · ${v.date} · ${v.state}${v.score === null ? '' : ` · ${v.letter} ${v.score.toFixed(1)}`}`;
}

/** The banner as the Markdown's first paragraph under the title: a blockquote. */
export function verdictMarkdown(v: Verdict): string {
  const lines = [
    `> **${SYMBOL[v.state]} ${v.state}** — ${text(verdictLine(v))} · ${v.date} · policy ${text(v.policy)}`,
    '>',
    `> ${blockersHead(v)}`,
  ];
  for (const b of v.blockers) lines.push(`> - ${text(b)}`);
  if (v.blocking > v.blockers.length)
    lines.push(
      `> - and ${v.blocking - v.blockers.length} more (every item is in the assessment's Blocking items)`,
    );
  return lines.join('\n');
}

/** The banner's class for a state. */
export const VERDICT_CLASS: Record<VerdictState, string> = {
  READY: 'v-ready',
  'NOT READY': 'v-notready',
  INCOMPLETE: 'v-incomplete',
  PARTIAL: 'v-partial',
};

/** The banner's verdict block (the page puts the title and any partial note above it). */
export function verdictHtml(v: Verdict): string {
  const e = escapeHtml;
  const grade =
    v.score === null
      ? `<span class="letter">${v.state === 'INCOMPLETE' ? 'no grade' : e(v.letter)}</span>`
      : `<span class="letter">${e(v.letter)}</span> <span class="score">${v.score.toFixed(1)} / 100${v.capped ? ', capped' : ''}</span>`;
  const items = v.blockers.map((b) => `<li>${e(b)}</li>`);
  if (v.blocking > v.blockers.length)
    items.push(
      `<li>and ${v.blocking - v.blockers.length} more (every item is in the assessment's Blocking items)</li>`,
    );
  const extra =
    v.state === 'PARTIAL'
      ? `<p class="v-note">What ran would be <strong>${v.decision}</strong>; this is not the day's decision.</p>`
      : v.state === 'INCOMPLETE'
        ? '<p class="v-note">No grade: too many results could not be evaluated.</p>'
        : '';
  return `<div class="verdict" data-state="${e(v.state)}">
<div class="v-main"><span class="v-state">${SYMBOL[v.state]} ${e(v.state)}</span><span class="v-grade">${grade}</span></div>
<div class="v-meta">${e(v.date)} · policy <span class="nobr">${e(v.policy)}</span></div>
${extra}<p class="v-head">${e(blockersHead(v))}</p>${items.length ? `<ul class="v-block">${items.join('')}</ul>` : ''}
</div>`;
}
