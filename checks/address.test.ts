import { describe, expect, it } from 'vitest';
import { compileRanges, inRanges, isLoopback, isWildcard, parseRanges, rangeErrors } from './address.ts';

describe('address ranges', () => {
  const loopback = compileRanges(['loopback']);
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.21', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.5', true],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['not-an-ip', false],
  ])('loopback contains %s: %s', (addr, expected) => {
    expect(inRanges(addr, loopback)).toBe(expected);
    expect(isLoopback(addr)).toBe(expected);
  });

  it.each([
    [['127.0.0.0/8'], '127.9.9.9', true],
    [['10.0.0.0/8'], '10.77.0.10', true],
    [['10.0.0.0/8'], '11.0.0.1', false],
    [['fd00::/8'], 'fd12::1', true],
    [['fd00::/8'], '10.0.0.1', false],
    [['private'], '192.168.1.4', true],
    [['private'], '8.8.8.8', false],
    [['192.0.2.7'], '192.0.2.7', true],
    [['192.0.2.7'], '192.0.2.8', false],
  ])('%j contains %s: %s', (ranges, addr, expected) => {
    expect(inRanges(addr, compileRanges(ranges))).toBe(expected);
  });

  it.each(['', '*', '0.0.0.0', '::', '[::]'])('%j is every address', (a) => expect(isWildcard(a)).toBe(true));
  it.each(['127.0.0.1', '::1', '10.0.0.1'])('%j is not every address', (a) =>
    expect(isWildcard(a)).toBe(false),
  );

  it.each(['127.1', '10.0.0.0/33', 'fd00::/129', 'localhost', '300.1.1.1', '10.0.0.0/x', '1.2.3.4/'])(
    'refuses %j with a message naming it',
    (entry) => {
      const parsed = parseRanges(entry);
      expect(typeof parsed).toBe('string');
      expect(parsed).toContain(entry);
      expect(rangeErrors(['127.0.0.1', entry])).toHaveLength(1);
    },
  );
});
