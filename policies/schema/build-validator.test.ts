import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateValidator, validatorFile } from './build-validator.ts';

it('the precompiled policy validator matches policy.schema.json (run npm run build:schema)', () => {
  expect(readFileSync(validatorFile, 'utf8')).toBe(generateValidator());
});
