/** Types of the generated params validators (params-validators.js). */
import type { GeneratedValidate } from '../policies/schema/policy-validator.js';

declare const byProbe: Record<string, GeneratedValidate | undefined>;
export default byProbe;
