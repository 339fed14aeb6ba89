/**
 * Validates results.json against its published schema (results.schema.json, JSON Schema
 * 2020-12). Used by readyspec's own tests on every results.json a run writes; available to
 * anyone who reads the file (`validateResults(JSON.parse(text))`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const RESULTS_SCHEMA_FILE = fileURLToPath(new URL('./results.schema.json', import.meta.url));

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', (s: string) => ISO.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync(RESULTS_SCHEMA_FILE, 'utf8')));
}

/** The schema's complaints about `results` ("/provenance/host must be string"); empty when valid. */
export function validateResults(results: unknown): string[] {
  validator ??= compile();
  if (validator(results)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Every results.json under `dir` (recursively) with its complaints; `[]` entries are valid. */
export function validateResultsUnder(dir: string): { file: string; problems: string[] }[] {
  const found = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name === 'results.json',
  );
  return found.map((e) => {
    const file = join(e.parentPath, e.name);
    return { file, problems: validateResults(JSON.parse(readFileSync(file, 'utf8'))) };
  });
}
