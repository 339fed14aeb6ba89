/**
 * Every phase's USER_ACCEPTANCE.md of a run: the sign-off is found with the acceptance check's
 * own function (findPhaseSignoff), so the document shows the sign-off the check judged, carries
 * the newest one into a new dated folder, and never overwrites one a person wrote in this copy.
 */
import { join, relative } from 'node:path';
import { findPhaseSignoff, readDocument } from '../checks/acceptance/find-document.ts';
import type { FoundSignoff } from '../checks/acceptance/judge.ts';
import { resolvePolicyPath } from '../checks/context.ts';
import type { Json } from '../checks/probe.ts';
import type { Policy } from '../policies/types.ts';
import { ACCEPTANCE_FILE, phaseDir, phasesOf, renderAcceptance } from './acceptance.ts';
import type { RunReport } from './model.ts';
import { buildSignoffView } from './signoff-view.ts';
import { chipOf, type PhaseChip } from './svg-phases.ts';

export interface AcceptanceDoc {
  path: string;
  markdown: string;
  title: string;
  /** The phase and its sign-off as this document shows it (the HTML's banner chip). */
  page: { phase: { name: string; chip: PhaseChip } };
  /** For the console: the sign-off kept here could not be read (the phase is not signed). */
  warning?: string;
}

/** A path as the reader finds it: relative to the working directory when it lies inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * The acceptance documents of a run written into `dir` (the day's folder).
 * @example await acceptanceDocs(report, policy, join(reportsDir, report.date), reportsDir)
 */
export async function acceptanceDocs(
  report: RunReport,
  policy: Policy,
  dir: string,
  reportsDir: string,
): Promise<AcceptanceDoc[]> {
  const phases = phasesOf(policy.inventory.phases ?? [], report.rows);
  return Promise.all(
    phases.map(async (phase) => {
      const path = join(dir, phaseDir(phase.name), ACCEPTANCE_FILE);
      const document = phase.document ? resolvePolicyPath(policy.baseDir, phase.document) : undefined;
      const found: FoundSignoff | Error = await findPhaseSignoff(phase.name, {
        document,
        reportsDir,
        today: report.date,
      }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
      // An earlier copy that exists but cannot be read might hold a sign-off: never write over it.
      const existing = await readDocument(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw new Error(`readyspec: cannot read ${path} to keep its sign-off: ${err.message}`, {
          cause: err,
        });
      });
      const view = buildSignoffView(report, phase, { path, found, existing, show: shown });
      return {
        path,
        markdown: renderAcceptance(report, phase, view),
        title: `User acceptance ${phase.name}`,
        ...(view.unreadable ? { warning: `readyspec: warning: ${view.unreadable.message}` } : {}),
        page: {
          phase: {
            name: phase.name,
            chip: chipOf(view.evidence as unknown as Record<string, Json>, view.outcome, phase.name),
          },
        },
      };
    }),
  );
}
