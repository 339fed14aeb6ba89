/**
 * Reads one policy YAML file; syntax errors come back with file:line:column. Large files are
 * parsed once per content (yaml-cache.ts). Hostile files are refused with one line each: not a
 * regular file, over the size limit (read-file.ts), nested too deep or an alias bomb
 * (yaml-bounds.ts), before anything walks the data.
 */
import yaml from 'js-yaml';
import type { PolicyProblem } from './errors.ts';
import { readRegularFile } from './read-file.ts';
import { MAX_DEPTH, yamlBoundsProblem } from './yaml-bounds.ts';
import { parseCached } from './yaml-cache.ts';

export type ReadResult = { ok: true; data: unknown } | { ok: false; problem: PolicyProblem };

/** Thrown inside the parse callback so a refused document is never cached. */
class BoundsError extends Error {}

export function readYamlFile(file: string, display: string): ReadResult {
  const read = readRegularFile(file);
  if (!read.ok) return { ok: false, problem: { file: display, message: read.message } };
  try {
    // JSON_SCHEMA: no YAML 1.1 surprises (no `on` → true, no dates turned into Date objects).
    const data = parseCached(read.text, (t) => {
      const parsed = yaml.load(t, { filename: display, schema: yaml.JSON_SCHEMA });
      const why = yamlBoundsProblem(parsed);
      if (why) throw new BoundsError(why);
      return parsed;
    });
    return { ok: true, data: data ?? {} };
  } catch (err) {
    if (err instanceof BoundsError) return { ok: false, problem: { file: display, message: err.message } };
    // js-yaml parses nested collections recursively: thousands of levels overflow its stack.
    if (err instanceof RangeError && /call stack/i.test(err.message))
      return {
        ok: false,
        problem: {
          file: display,
          message: `nested too deep to read (a policy may nest at most ${MAX_DEPTH} levels)`,
        },
      };
    if (err instanceof yaml.YAMLException) {
      return {
        ok: false,
        problem: {
          file: display,
          line: err.mark ? err.mark.line + 1 : undefined,
          column: err.mark ? err.mark.column + 1 : undefined,
          message: `YAML syntax: ${err.reason}`,
        },
      };
    }
    throw err;
  }
}
