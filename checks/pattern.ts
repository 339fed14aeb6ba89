/**
 * Regular expressions a policy gives (body patterns, JSON `matches`, login redirects, claim and
 * date patterns) run in RE2 (re2js, a pure-JavaScript port): matching time is linear in the
 * input, so `^(a+)+$` against a hostile answer cannot stall the run's only thread. RE2 has no
 * lookaround and no backreferences; a pattern that needs them is refused when the policy loads,
 * with the reason, rather than run in a backtracking engine.
 */
import { RE2JS } from 're2js';
import type { ParamProblem } from './registry.ts';

/** Longer sources are a mistake, not a pattern (and cost compile time). */
export const MAX_PATTERN_CHARS = 4096;
/** RE2's own estimate of a compiled pattern's cost; `a{1000}` nested twice is already refused by RE2. */
const MAX_PROGRAM_SIZE = 20_000;

/** A compiled pattern with the few operations probes use. */
export interface SafePattern {
  readonly source: string;
  /** Capturing groups in the pattern. */
  readonly groups: number;
  test(input: string): boolean;
  /** The first match: [whole, group 1, …] with `index`, or null. */
  exec(input: string): RegExpExecArray | null;
  /** Every non-overlapping match, in order. */
  matchAll(input: string): IterableIterator<RegExpMatchArray>;
}

/** A pattern that is not a regular expression, or needs what RE2 cannot run in linear time. */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

const FLAG: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // g is how a caller iterates (matchAll), u is how RE2 reads text anyway.
  g: 0,
  u: 0,
};

/**
 * Compiles a policy's pattern for linear-time matching; throws PatternError saying why not.
 * @example compilePattern('^ok$', 'i').test('OK') // true
 */
export function compilePattern(source: string, flags = ''): SafePattern {
  if (source.length > MAX_PATTERN_CHARS)
    throw new PatternError(`is ${source.length} characters long; the limit is ${MAX_PATTERN_CHARS}`);
  let bits = 0;
  for (const f of flags) {
    if (FLAG[f] === undefined) throw new PatternError(`flag "${f}" is not supported (i, m, s)`);
    bits |= FLAG[f];
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(unicodeEscapes(source), bits);
  } catch (err) {
    throw new PatternError(refusal(source, flags, err));
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    throw new PatternError(
      `is too complex (RE2 program size ${re.programSize()}, the limit is ${MAX_PROGRAM_SIZE}); use fewer or smaller repeats`,
    );
  return {
    source,
    groups: re.groupCount(),
    test: (input) => re.test(input),
    exec: (input) => re.exec(input) as RegExpExecArray | null,
    matchAll: (input) => re.matchAll(input),
  };
}

/** Why a pattern cannot be used, or undefined when it can. */
export function patternProblem(source: string, flags = ''): string | undefined {
  try {
    compilePattern(source, flags);
    return undefined;
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
}

/**
 * Load-time problems of the patterns in a probe's params, each at its JSON pointer.
 * @example patternProblems([['/pattern', '(a']]) // [{ path: '/pattern', message: 'not a valid regular expression: …' }]
 */
export function patternProblems(entries: [path: string, source: unknown, flags?: string][]): ParamProblem[] {
  const out: ParamProblem[] = [];
  for (const [path, source, flags] of entries) {
    if (typeof source !== 'string') continue;
    const why = patternProblem(source, flags);
    if (why) out.push({ path, message: `pattern /${preview(source)}/ ${why}` });
  }
  return out;
}

/** JavaScript's \uXXXX and \u{X…} escapes in RE2's spelling (\x{…}); everything else as written. */
function unicodeEscapes(source: string): string {
  if (!source.includes('\\u')) return source;
  return source.replace(/\\(\\|u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4}))/g, (all, _c, braced, four) =>
    braced || four ? `\\x{${braced ?? four}}` : all,
  );
}

function refusal(source: string, flags: string, err: unknown): string {
  const re2 = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
  try {
    new RegExp(source, flags.replace(/[^imsu]/g, ''));
  } catch (jsErr) {
    // V8 says "Invalid regular expression: /<source>/<flags>: <reason>"; the source is shown already.
    const message = (jsErr as Error).message;
    return `is not a valid regular expression: ${message.slice(message.lastIndexOf(': ') + 2)}`;
  }
  return `uses syntax the linear-time engine (RE2) does not run: ${re2} (lookahead, lookbehind and backreferences are not available)`;
}

function preview(source: string): string {
  return source.length > 80 ? `${source.slice(0, 79)}…` : source;
}
