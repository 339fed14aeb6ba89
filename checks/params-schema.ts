/** Building blocks of probes' params schemas (JSON Schema, validated by ajv at load time). */

/** A closed object: unknown keys in a policy's params are refused with their name. */
export function objectSchema(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, required };
}

/** A list of non-empty strings. */
export function stringsSchema(description: string) {
  return { type: 'array', items: { type: 'string', minLength: 1 }, description };
}

/** An absolute path (what a probe sends to a host must never be read as an option). */
export function absolutePathSchema(description: string) {
  return { type: 'string', pattern: '^/', description };
}
