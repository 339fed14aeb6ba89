/** Configuration errors: each problem names the file and where in it, and what was expected. */

export interface PolicyProblem {
  file: string;
  /** 1-based, for YAML syntax errors. */
  line?: number;
  column?: number;
  /** JSON path inside the file, e.g. /controls/3/severity. */
  path?: string;
  message: string;
}

export function formatProblem(p: PolicyProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.path ? `${p.file} ${p.path}` : p.file;
  return `${where}: ${p.message}`;
}

export class PolicyError extends Error {
  constructor(
    readonly problems: PolicyProblem[],
    options?: { cause?: unknown },
  ) {
    const n = problems.length;
    super(
      `readyspec: the policy is not valid (${n} problem${n === 1 ? '' : 's'}); nothing was checked and no report was written:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
      options,
    );
    this.name = 'PolicyError';
  }
}
