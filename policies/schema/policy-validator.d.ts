/** Types of the generated validator (policy-validator.js). */
export interface GeneratedValidate {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
export const validate: GeneratedValidate;
export default validate;
