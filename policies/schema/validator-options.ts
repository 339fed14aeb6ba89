/** ajv options shared by the precompiled policy validator and the params validators. */
export const VALIDATOR_OPTIONS = {
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  verbose: true,
} as const;
