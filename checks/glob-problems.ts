/**
 * Load-time check of a glob from a policy, read as the probes read globs (picomatch): one
 * past the length cap, or one picomatch cannot turn into a pattern (`{a,b`, `[z-a]`), is a
 * policy mistake named when the policy loads, not a control that silently matches nothing.
 */
import picomatch from 'picomatch';

/** Longer globs are mistakes (picomatch's own cap is 65,536, far past any path). */
export const MAX_GLOB_CHARS = 1024;

/**
 * What is wrong with `glob`, or undefined.
 * @example globProblem('dr/**\/*.{md') // 'glob "dr/**\/*.{md" does not parse: unterminated group'
 */
export function globProblem(glob: string): string | undefined {
  const shown = JSON.stringify(glob.length > 80 ? `${glob.slice(0, 80)}…` : glob);
  if (glob.length > MAX_GLOB_CHARS)
    return `glob ${shown} is ${glob.length} characters long, more than ${MAX_GLOB_CHARS}`;
  try {
    // debug: picomatch throws on a pattern it cannot compile instead of returning "match nothing".
    picomatch.makeRe(glob, { debug: true });
  } catch (err) {
    const why = (err as Error).message.split(': ').at(-1)?.toLowerCase() ?? 'unknown reason';
    return `glob ${shown} does not parse: ${why}`;
  }
  return undefined;
}

/** The problems of several optional globs, each at its JSON pointer inside params. */
export function globProblems(entries: [path: string, glob: string | undefined][]) {
  return entries.flatMap(([path, glob]) => {
    const message = glob === undefined ? undefined : globProblem(glob);
    return message ? [{ path, message }] : [];
  });
}
