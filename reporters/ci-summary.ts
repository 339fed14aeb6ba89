/**
 * The GitHub step summary of a run (appended to $GITHUB_STEP_SUMMARY): a banner line with the
 * verdict, grade and date, the category table, what blocks, and where the documents are. It
 * repeats the assessment's facts; it never adds one. Pure.
 */
import { fmtScore, table, text } from './format.ts';
import type { RunReport } from './model.ts';
import type { PartialRun } from './partial.ts';

/** A step summary may hold 1 MiB: lists are cut well before, with a count of the rest. */
const MAX_ITEMS = 30;

export interface SummaryLinks {
  /** Document paths as the reader finds them (relative to the checkout when inside it). */
  documents: string[];
  /** Where the documents can be opened: the run's artifacts page, or a published reports URL. */
  artifactsUrl?: string;
  /** A base URL the reports folder is published under (READYSPEC_REPORTS_URL): links each document. */
  reportsUrl?: string;
  /** Path of each document relative to the reports folder, same order as `documents`. */
  relative?: string[];
}

/** READY / NOT READY / INCOMPLETE / PARTIAL, as every document's banner says it. */
export function verdictOf(report: RunReport, partial?: PartialRun): string {
  if (partial) return 'PARTIAL';
  if (report.card.incomplete) return 'INCOMPLETE';
  return report.decision.ready ? 'PRODUCTION READY' : 'NOT READY';
}

const MARK: Record<string, string> = {
  'PRODUCTION READY': '✅',
  'NOT READY': '❌',
  INCOMPLETE: '⚠️',
  PARTIAL: '◐',
};

function gradeText(report: RunReport): string {
  const g = report.card.grade;
  return g.score === null
    ? g.letter
    : `${g.letter} (${g.score.toFixed(1)} / 100${g.capped ? ', capped' : ''})`;
}

function capped<T>(items: T[], show: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_ITEMS).map(show);
  if (items.length > MAX_ITEMS) lines.push(`- …and ${items.length - MAX_ITEMS} more (in the assessment)`);
  return lines;
}

export function renderStepSummary(report: RunReport, links: SummaryLinks, partial?: PartialRun): string {
  const verdict = verdictOf(report, partial);
  const c = report.card.coverage;
  const out = [
    `## ${MARK[verdict] ?? ''} ${verdict} — grade ${gradeText(report)} · ${text(report.policy)} · ${report.date}`,
    '',
  ];
  if (partial) out.push(`> **PARTIAL RUN — not the whole policy.** ${text(partial.reason)}.`, '');
  out.push(
    `Decision: **${report.decision.ready ? 'PRODUCTION READY' : 'NOT READY'}** (threshold ${report.rubric.decision.minScore}) · ${report.rows.length} results · ${c.inconclusive} of ${c.evaluated} inconclusive (max ${Math.round(c.max * 100)}%)`,
    '',
    '### Categories',
    '',
    table(
      ['Category', 'Weight', 'Score', 'Minimum', 'Met / evaluated', 'Fail', 'Inconclusive'],
      report.card.categories.map((k) => [
        text(k.title),
        String(k.weight),
        fmtScore(k.score),
        k.minimum === undefined ? '—' : String(k.minimum),
        `${k.met} / ${k.evaluated}`,
        String(k.counts.fail),
        String(k.counts.error),
      ]),
    ),
    '',
    '### Blocking',
    '',
    ...(report.decision.blocking.length
      ? capped(report.decision.blocking, (b) => `- ${text(b.message)}`)
      : ['Nothing blocks.']),
    '',
    '### Documents',
    '',
    ...capped(
      links.documents.map((d, i) => ({ d, rel: links.relative?.[i] })),
      ({ d, rel }) =>
        links.reportsUrl && rel
          ? `- [${text(d)}](${links.reportsUrl.replace(/\/$/, '')}/${rel.split('/').map(encodeURIComponent).join('/')})`
          : `- \`${d}\``,
    ),
  );
  if (links.artifactsUrl)
    out.push('', `All documents of this run: [the run's artifacts](${links.artifactsUrl}).`);
  return `${out.join('\n')}\n\n`;
}
