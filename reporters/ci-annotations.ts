/**
 * GitHub Actions workflow commands for what blocks the run: `::error` for a blocking control
 * that fails (and for a run-wide blocker: score, category minimum, coverage), `::warning` for
 * a blocking control that could not be evaluated. GitHub turns these lines of stdout into
 * annotations on the run. Escaped as @actions/core does, so a message cannot end the command
 * early or inject another one. Pure.
 */
import type { BlockingItem } from './decision.ts';
import type { Row } from './rows.ts';

/** GitHub shows at most 50 annotations of a kind per step: the rest are counted in one more. */
export const MAX_ANNOTATIONS = 40;

/** A command's message: `%`, CR and LF escaped. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value (title, file): also `:` and `,`, which end a property. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  line?: number;
}

export function formatAnnotation(a: Annotation): string {
  const props = [`title=${escapeProperty(a.title)}`];
  if (a.file) props.push(`file=${escapeProperty(a.file)}`);
  if (a.file && a.line) props.push(`line=${a.line}`);
  return `::${a.level} ${props.join(',')}::${escapeData(a.message)}`;
}

/** `AVL-DOCK-001 @ master › web`: the test's own name for the row. */
export function rowTitle(row: Row): string {
  return `${row.id} @ ${row.target}${row.subject === undefined ? '' : ` › ${row.subject}`}`;
}

/** The annotations of a run: blocking controls row by row, then run-wide blockers. */
export function blockingAnnotations(rows: readonly Row[], blocking: readonly BlockingItem[]): Annotation[] {
  const out: Annotation[] = [];
  for (const r of rows) {
    if (!r.blocking || (r.outcome !== 'fail' && r.outcome !== 'error')) continue;
    const fix = r.outcome === 'fail' && r.remediation ? ` Remediation: ${r.remediation}` : '';
    out.push({
      level: r.outcome === 'fail' ? 'error' : 'warning',
      title: `${rowTitle(r)}: ${r.outcome === 'fail' ? 'blocking control fails' : 'blocking control inconclusive'}`,
      message: `${r.title}: ${r.message}${fix}`,
    });
  }
  for (const b of blocking) {
    if (b.kind === 'control') continue;
    out.push({ level: 'error', title: `readyspec: NOT READY (${b.kind})`, message: b.message });
  }
  return out;
}

/** The workflow-command lines to print (capped, with a count of the rest). */
export function renderAnnotations(rows: readonly Row[], blocking: readonly BlockingItem[]): string {
  const all = blockingAnnotations(rows, blocking);
  const shown = all.slice(0, MAX_ANNOTATIONS).map(formatAnnotation);
  if (all.length > MAX_ANNOTATIONS)
    shown.push(
      formatAnnotation({
        level: 'error',
        title: 'readyspec: more blocking items',
        message: `${all.length - MAX_ANNOTATIONS} more blocking items are in the assessment and results.json`,
      }),
    );
  return shown.length ? `${shown.join('\n')}\n` : '';
}
