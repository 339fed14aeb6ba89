/**
 * CI outputs (`rubric.outputs`) that name one file: each writer would replace the other's
 * file, and the run would end with one of them silently missing. Refused at load. Where the
 * outputs may go is the operator's choice (node_exporter's textfile directory is outside the
 * reports folder by design), so only collisions are refused here.
 */
import { resolve } from 'node:path';
import type { PolicyProblem } from './errors.ts';
import type { Merged } from './merge.ts';

export function checkOutputs(merged: Merged, problems: PolicyProblem[], cwd = process.cwd()): void {
  const outputs = merged.rubric.outputs ?? {};
  const seen = new Map<string, string>();
  for (const key of ['junit', 'json', 'prometheus'] as const) {
    const path = outputs[key];
    if (path === undefined) continue;
    const target = resolve(cwd, path);
    const first = seen.get(target);
    if (first)
      problems.push({
        file: '(rubric)',
        path: `/rubric/outputs/${key}`,
        message: `outputs.${key} and outputs.${first} name one file (${JSON.stringify(path.slice(0, 120))}): one would replace the other`,
      });
    else seen.set(target, key);
  }
}
