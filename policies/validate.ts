/** JSON Schema validation (ajv, allErrors) with messages that say what was expected. */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { type PolicyProblem, shortJson } from './errors.ts';
// The policy schema compiled ahead of time (npm run build:schema): no compile at start-up.
import { validate as validateDocument } from './schema/policy-validator.js';
import { VALIDATOR_OPTIONS } from './schema/validator-options.ts';

const compiled = new WeakMap<object, ValidateFunction>();
let ajv: Ajv | undefined;

/** Registers a params validator compiled ahead of time (checks/params-validators.js). */
export function usePrecompiled(schema: object, validate: ValidateFunction): void {
  compiled.set(schema, validate);
}

/** Compiles a schema nobody precompiled (a probe registry built in a test); loads ajv only then. */
function compile(schema: object): ValidateFunction {
  if (!ajv) {
    const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    ajv = new AjvClass({ ...VALIDATOR_OPTIONS });
  }
  return ajv.compile(schema);
}

/** Validates one policy document (one YAML file) against the policy schema. */
export function validateDocumentShape(data: unknown, file: string): PolicyProblem[] {
  if (validateDocument(data)) return [];
  return describeErrors((validateDocument.errors ?? []) as ErrorObject[], data, file, '');
}

/** Validates a control's params against its probe's schema. */
export function validateParams(
  schema: object,
  params: unknown,
  file: string,
  basePath: string,
): PolicyProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(params)) return [];
  return describeErrors(validate.errors ?? [], params, file, basePath);
}

function describeErrors(
  errors: ErrorObject[],
  data: unknown,
  file: string,
  basePath: string,
): PolicyProblem[] {
  // oneOf/anyOf report every branch; keep the most specific error per path.
  const byPath = new Map<string, PolicyProblem>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path =
      basePath +
      e.instancePath +
      (e.keyword === 'additionalProperties'
        ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
        : '');
    if (byPath.has(path)) continue;
    byPath.set(path, { file, path: path || '/', message: explain(e, data) });
  }
  if (byPath.size === 0 && errors.length) {
    const e = errors[0];
    byPath.set(e.instancePath, { file, path: basePath + e.instancePath || '/', message: explain(e, data) });
  }
  return [...byPath.values()];
}

function explain(e: ErrorObject, data: unknown): string {
  const got = valueAt(data, e.instancePath);
  // Bounded: the value may be a huge (or alias-shared) tree from a hostile file.
  const shown = got === undefined ? '' : ` (got ${shortJson(got, 80)})`;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"; allowed here: ${allowed(e)}`;
    case 'required':
      return `missing required field "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}${shown}`;
    case 'type':
      return `must be ${(e.params as { type: string }).type}${shown}`;
    case 'pattern':
      return `must match ${(e.params as { pattern: string }).pattern}${shown}`;
    default:
      return `${e.message ?? 'is not valid'}${shown}`;
  }
}

function allowed(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).join(', ') : 'none';
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
