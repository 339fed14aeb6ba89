import { describe, expect, it } from 'vitest';
import { ageSeconds, days, parseDuration } from './durations.ts';

describe('parseDuration', () => {
  it.each([
    ['15d', 15 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['720h', 30 * 86_400_000],
    ['1d12h', 36 * 3_600_000],
    ['1500ms', 1500],
    ['0s', 0],
    ['15 days', undefined],
    ['', undefined],
    ['10GB', undefined],
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('ageSeconds', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it.each([
    ['2026-03-01T11:59:30Z', 30],
    ['2026-03-01T12:00:05Z', 0],
    ['0001-01-01T00:00:00Z', undefined],
    [undefined, undefined],
    ['not a time', undefined],
  ])('%s → %s', (iso, age) => {
    expect(ageSeconds(iso, now)).toBe(age);
  });
  it('rounds days to two decimals', () => {
    expect(days(36 * 3_600_000)).toBe(1.5);
  });
});
