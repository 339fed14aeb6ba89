/**
 * A document as written: the Markdown with its verdict and "At a glance" under the title, and
 * the HTML beside it in the same order: banner (title, any PARTIAL note, verdict), pictures,
 * then the rest of the document. Both come from one set of facts. Pure.
 */

import type { HistoryEntry } from './history.ts';
import { htmlPage, renderBody } from './html.ts';
import { type GlanceScope, glanceHtml, glanceMarkdown, glanceOf } from './html-glance.ts';
import { escapeHtml } from './html-table.ts';
import { runningHeader, VERDICT_CLASS, verdictHtml, verdictMarkdown, verdictOf } from './html-verdict.ts';
import type { RunReport } from './model.ts';
import type { PartialRun } from './partial.ts';
import type { PhaseChip } from './svg-phases.ts';

export interface PageInput {
  report: RunReport;
  /** history.jsonl before this run (the trend adds this run when it is recorded). */
  history: readonly HistoryEntry[];
  partial?: PartialRun;
  /** Category ids a rubric report covers; all when absent. */
  categories?: readonly string[];
  /** A phase's USER_ACCEPTANCE.md: its name and sign-off chip. */
  phase?: { name: string; chip: PhaseChip };
}

/** The title line, and the PARTIAL note markPartial put right under it: the banner's top. */
export function splitHead(markdown: string): { head: string; rest: string } {
  const title = /^# .*$/m.exec(markdown);
  if (!title) return { head: '', rest: markdown };
  let end = title.index + title[0].length;
  const note = /^\n\n> \*\*PARTIAL RUN[^\n]*/.exec(markdown.slice(end));
  if (note) end += note[0].length;
  return { head: markdown.slice(0, end), rest: markdown.slice(end).replace(/^\n+/, '') };
}

/**
 * The Markdown and HTML of one document.
 * @example renderDocument(markPartial(md, partial), 'Security audit 2026-01-15', { report, history, partial })
 */
export function renderDocument(
  markdown: string,
  title: string,
  page: PageInput,
): { markdown: string; html: string } {
  const verdict = verdictOf(page.report, page.partial);
  const scope: GlanceScope = {
    categories: page.categories,
    phase: page.phase,
    recorded: page.partial === undefined,
  };
  const glance = glanceOf(page.report, page.history, scope);
  const { head, rest } = splitHead(markdown);
  const md = [head, verdictMarkdown(verdict), glanceMarkdown(glance), rest].filter(Boolean).join('\n\n');
  const banner = `<header class="banner ${VERDICT_CLASS[verdict.state]}">\n${renderBody(head)}${verdictHtml(verdict)}\n</header>\n`;
  const runHead = `<span>${escapeHtml(title)}</span><span>${escapeHtml(runningHeader(verdict))}</span>`;
  const html = htmlPage(title, `${banner}${glanceHtml(glance)}\n${renderBody(rest)}`, runHead);
  return { markdown: md.endsWith('\n') ? md : `${md}\n`, html };
}
