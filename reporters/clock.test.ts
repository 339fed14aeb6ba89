import { expect, it } from 'vitest';
import { localDate } from './clock.ts';

it('dates a run in UTC without time zone data, as a formatter for UTC would', () => {
  const intl = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  for (const iso of [
    '2026-11-23T00:00:00Z',
    '2026-11-23T23:59:59.999Z',
    '2024-02-29T12:00:00Z',
    '1999-12-31T23:30:00-05:00',
  ]) {
    const d = new Date(iso);
    expect(localDate(d, 'UTC')).toBe(intl.format(d));
    expect(localDate(d, 'Etc/UTC')).toBe(intl.format(d));
  }
  // Another zone still uses its own calendar day.
  expect(localDate(new Date('2026-11-23T01:00:00Z'), 'America/Sao_Paulo')).toBe('2026-11-22');
});
