import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeOf, strictFromEnv, toolFailure } from './exit-code.ts';
import type { Row } from './rows.ts';

const row = (outcome: Row['outcome']) => ({ outcome }) as Row;

describe('exit code table', () => {
  it.each([
    ['ready, all pass', true, ['pass'], false, EXIT.ready],
    ['ready, a non-blocking fail', true, ['pass', 'fail'], false, EXIT.ready],
    ['ready, a non-blocking fail, strict', true, ['pass', 'fail'], true, EXIT.notReady],
    ['ready, an inconclusive, strict', true, ['error'], true, EXIT.notReady],
    ['ready, waived and n/a, strict', true, ['waived', 'not-applicable'], true, EXIT.ready],
    ['not ready', false, ['pass'], false, EXIT.notReady],
  ] as const)('%s', (_name, ready, outcomes, strict, code) => {
    expect(exitCodeOf({ ready, blocking: [] }, outcomes.map(row), { strict })).toBe(code);
  });

  it('reads READYSPEC_STRICT', () => {
    expect(strictFromEnv({ READYSPEC_STRICT: '1' })).toBe(true);
    expect(strictFromEnv({})).toBe(false);
  });

  it('names the path of an unwritable reports folder in one line', () => {
    const err = new Error('readyspec: cannot write report', {
      cause: Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/srv/reports/2026-01-01' }),
    });
    const line = toolFailure(err, '/srv/reports');
    expect(line).toBe(
      'readyspec: cannot write the reports: /srv/reports/2026-01-01: permission denied (EACCES); set READYSPEC_REPORTS to a writable folder',
    );
    expect(toolFailure(new Error('boom\n  at x'), '/r')).toBe('readyspec: the grade reporter failed: boom');
  });
});
