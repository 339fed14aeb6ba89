/**
 * Reads one policy YAML file; syntax errors come back with file:line:column. Large files are
 * parsed once per content (yaml-cache.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import yaml from 'js-yaml';
import type { PolicyProblem } from './errors.ts';
import { parseCached } from './yaml-cache.ts';

const MAX_BYTES = 64 * 1024 * 1024;

export type ReadResult = { ok: true; data: unknown } | { ok: false; problem: PolicyProblem };

export function readYamlFile(file: string, display: string): ReadResult {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_BYTES)
      return {
        ok: false,
        problem: { file: display, message: `file is ${size} bytes; the limit is ${MAX_BYTES}` },
      };
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problem: { file: display, message: `cannot read: ${(err as Error).message}` } };
  }
  try {
    // JSON_SCHEMA: no YAML 1.1 surprises (no `on` → true, no dates turned into Date objects).
    const data = parseCached(text, (t) => yaml.load(t, { filename: display, schema: yaml.JSON_SCHEMA }));
    return { ok: true, data: data ?? {} };
  } catch (err) {
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
