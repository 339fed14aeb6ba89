import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './check-waivers.ts';

describe('isCalendarDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-1', false],
  ])('%s', (date, ok) => expect(isCalendarDate(date)).toBe(ok));
});
