/**
 * File names the reporter derives from the policy, checked before any connection: a report id
 * or phase name whose file or folder would land on another document (or on results.json,
 * failing.csv, history.jsonl…) would overwrite it, or turn a file into a folder. Compared
 * case-insensitively, since macOS and Windows reports folders are.
 */
import type { PolicyProblem } from './errors.ts';
import type { Merged, Origin } from './merge.ts';

/** The assessment's file stem (reporters/assessment.ts: `PRODUCTION_READY_ASSESSMENT_<date>.md`). */
export const ASSESSMENT_STEM = 'PRODUCTION_READY_ASSESSMENT';

/**
 * Names the reporter itself writes in a day's folder or in the reports folder (results.json,
 * failing.csv, CI outputs, the history, the partial-run folder). Kept equal to the reporters'
 * constants by document-names.test.ts; listed here so validation loads no reporter.
 */
export const RESERVED_NAMES = [
  'results.json',
  'failing.csv',
  'readyspec.sarif',
  'readyspec.prom',
  'history.jsonl',
  'partial',
] as const;

const DATED_DOCUMENT = /^(.+)_\d{4}-\d{2}-\d{2}\.(?:md|html)$/i;

interface Named {
  kind: 'report' | 'phase';
  name: string;
  /** What the reporter creates for it, lower-cased: a file stem or a folder name. */
  key: string;
  at: Origin;
}

/** Problems with the file names the policy's reports and phases would be written under. */
export function documentNameProblems(merged: Merged): PolicyProblem[] {
  const where = (o: object, fallback: string): Origin =>
    merged.origins.get(o) ?? { file: '(rubric)', path: fallback };
  const reports: Named[] = merged.rubric.reports.map((r, i) => {
    const at = where(r, `/rubric/reports/${i}`);
    return { kind: 'report', name: r.id, key: r.id.toLowerCase(), at: { ...at, path: `${at.path}/id` } };
  });
  const phases: Named[] = merged.inventory.phases.map((p, i) => {
    const at = where(p, `/inventory/phases/${i}`);
    return { kind: 'phase', name: p.name, key: p.name.toLowerCase(), at: { ...at, path: `${at.path}/name` } };
  });
  const problems: PolicyProblem[] = [];
  const refuse = (n: Named, why: string) =>
    problems.push({
      ...n.at,
      message: `${n.kind} "${n.name}": ${why}; choose another ${n.kind === 'report' ? 'id' : 'name'}`,
    });
  const stems = new Map<string, Named>([[ASSESSMENT_STEM.toLowerCase(), assessment()]]);
  for (const r of reports) {
    const first = stems.get(r.key);
    if (first) refuse(r, `its document ${r.name}_<date>.md would overwrite ${describe(first)}`);
    else stems.set(r.key, r);
  }
  const folders = new Map<string, Named>();
  for (const p of phases) {
    const reserved = RESERVED_NAMES.find((n) => n === p.key);
    const dated = DATED_DOCUMENT.exec(p.key);
    const document = dated ? stems.get(dated[1]) : undefined;
    const first = folders.get(p.key);
    if (reserved) refuse(p, `its folder would take the place of readyspec's own ${reserved}`);
    else if (document) refuse(p, `its folder would take the place of ${describe(document)} of that date`);
    else if (first)
      refuse(p, `its folder ${p.name}/ is the folder of ${describe(first)} (names differ only in case)`);
    else folders.set(p.key, p);
  }
  return problems;
}

function assessment(): Named {
  return {
    kind: 'report',
    name: ASSESSMENT_STEM,
    key: ASSESSMENT_STEM.toLowerCase(),
    at: { file: '', path: '' },
  };
}

function describe(n: Named): string {
  if (n.name === ASSESSMENT_STEM && !n.at.file) return 'the readiness assessment';
  return `${n.kind} "${n.name}" (${n.at.file} ${n.at.path})`;
}
