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

const MAX_SHOWN = 200;
/** One problem stays one readable line, whatever a hostile file put in it. */
const MAX_PROBLEM_CHARS = 2000;

export function formatProblem(p: PolicyProblem): string {
  // A schema or semantic problem keeps its JSON path first and says where its YAML node is.
  const located = p.line ? ` (${p.file}:${p.line}:${p.column ?? 1})` : '';
  const line = (
    p.path
      ? `${p.file} ${p.path}: ${p.message}${located}`
      : `${p.file}${located ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.message}`
  ).replace(/[\r\n]+/g, ' ');
  return line.length > MAX_PROBLEM_CHARS ? `${line.slice(0, MAX_PROBLEM_CHARS - 1)}…` : line;
}

export class PolicyError extends Error {
  constructor(
    readonly problems: PolicyProblem[],
    options?: { cause?: unknown },
  ) {
    const n = problems.length;
    // Thousands of broken entries say no more than the first few hundred.
    const shown = problems.slice(0, MAX_SHOWN).map((p) => `  ${formatProblem(p)}`);
    if (n > MAX_SHOWN) shown.push(`  … and ${n - MAX_SHOWN} more`);
    super(
      `readyspec: the policy is not valid (${n} problem${n === 1 ? '' : 's'}); nothing was checked and no report was written:\n${shown.join('\n')}`,
      options,
    );
    this.name = 'PolicyError';
  }
}

/**
 * A value as JSON for a message, cut at `max` characters without ever serialising more than
 * that: a huge value from a hostile policy costs no more than a small one.
 * @example shortJson({ a: 'x'.repeat(10_000) }, 20) // '{"a":"xxxxxxxxxxxxx…'
 */
export function shortJson(value: unknown, max = 80): string {
  let out = '';
  const put = (s: string) => {
    out += s.length > max - out.length + 1 ? s.slice(0, max - out.length + 1) : s;
    return out.length <= max;
  };
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') {
      const s = typeof v === 'string' ? JSON.stringify(v.length > max ? v.slice(0, max) : v) : String(v);
      return put(s);
    }
    const list = Array.isArray(v);
    if (!put(list ? '[' : '{')) return false;
    let first = true;
    // Keys one at a time (for…in), never the whole list: only what is shown is visited.
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (!first && !put(',')) return false;
      first = false;
      if (!list && !put(`${JSON.stringify(k.length > max ? k.slice(0, max) : k)}:`)) return false;
      if (!walk((v as Record<string, unknown>)[k])) return false;
    }
    return put(Array.isArray(v) ? ']' : '}');
  };
  return walk(value) && out.length <= max ? out : `${out.slice(0, max - 1)}…`;
}
