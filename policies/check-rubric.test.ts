import { describe, expect, it } from 'vitest';
import { validTimeZone } from './check-rubric.ts';

describe('validTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['America/Sao_Paulo', true],
    ['Mars/Olympus', false],
    ['', false],
    ['UTC+25', false],
  ])('%s', (zone, ok) => expect(validTimeZone(zone)).toBe(ok));
});
