/**
 * DR playbooks present: a disaster-recovery plan is the set of playbooks someone can follow.
 * The count is also a fact that documents' claims ("12 DR playbooks") are compared with.
 */

import { documentProblem, globFiles } from '../docs/files.ts';
import { fail, type ProbeResult, pass } from '../probe.ts';

export interface PlaybooksParams {
  /** Which files under the document directory are playbooks, e.g. `dr/**\/*.md`. */
  glob: string;
  /** Fewest playbooks acceptable (default 1). */
  min?: number;
}

/**
 * Counts the playbooks under `dir` matching `glob`; fails below `min`.
 * @example await countPlaybooks('/srv/docs', { glob: 'dr/*.md', min: 3 })
 */
export async function countPlaybooks(dir: string, p: PlaybooksParams): Promise<ProbeResult> {
  const min = p.min ?? 1;
  let files: string[];
  try {
    files = await globFiles(dir, p.glob);
  } catch (err) {
    // No playbook directory at all is a finding; one that cannot be read is an error.
    return documentProblem(err, dir, { expected: { min }, source: dir });
  }
  const evidence = {
    observed: files.length,
    expected: { min },
    source: `${dir}/${p.glob}`,
    files: files.slice(0, 100),
  };
  if (files.length < min)
    return fail(
      `${files.length} DR playbook(s) match ${p.glob} under ${dir}, want at least ${min}`,
      evidence,
    );
  return pass(`${files.length} DR playbook(s) under ${dir}`, evidence);
}
